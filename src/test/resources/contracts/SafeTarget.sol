// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.20;

/// @notice A contract owned by a Safe in the tests: only the owner may change its value, so a
/// changed value proves the Safe made the call.
contract SafeTarget {
    address public owner;
    uint256 public value;
    uint256 public calls;

    event ValueSet(address indexed by, uint256 value);

    constructor(address owner_) {
        owner = owner_;
    }

    function setValue(uint256 value_) external {
        require(msg.sender == owner, "SafeTarget: caller is not the owner");
        value = value_;
        calls += 1;
        emit ValueSet(msg.sender, value_);
    }
}
