// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.20;

/// @notice A library with a public function, so contracts that use it must be linked to its address.
library MathLib {
    function twice(uint256 x) public pure returns (uint256) {
        return 2 * x;
    }
}

/// @notice Calls MathLib through DELEGATECALL: its bytecode has a link placeholder for MathLib.
contract Doubler {
    function quadruple(uint256 x) external pure returns (uint256) {
        return MathLib.twice(MathLib.twice(x));
    }
}
