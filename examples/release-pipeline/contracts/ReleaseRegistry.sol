// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// Records which release of the application is on chain and which account deployed it.
contract ReleaseRegistry {
    string public version;
    address public immutable deployer;

    constructor(string memory version_) {
        version = version_;
        deployer = msg.sender;
    }
}
