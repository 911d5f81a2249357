// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.20;

/// @notice The sample contract of the deploy example: an owner and a greeting, set at deployment.
contract Greeter {
    address public immutable owner;
    string public greeting;

    constructor(address owner_, string memory greeting_) {
        owner = owner_;
        greeting = greeting_;
    }
}
