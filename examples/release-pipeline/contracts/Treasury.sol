// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// Holds the application's funds; knows the registry of the release it belongs to.
contract Treasury {
    address public immutable registry;
    address public immutable owner;

    constructor(address registry_) {
        require(registry_ != address(0), "registry required");
        registry = registry_;
        owner = msg.sender;
    }

    receive() external payable {}
}
