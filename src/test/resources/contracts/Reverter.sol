// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.20;

/// @notice A constructor that reverts unless its argument is positive.
contract Reverter {
    uint256 public x;

    constructor(uint256 x_) {
        require(x_ > 0, "Reverter: x must be positive");
        x = x_;
    }
}
