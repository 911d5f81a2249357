// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.20;

/// @notice A library with a public function: contracts using it are linked to its address.
library VaultMath {
    function twice(uint256 x) public pure returns (uint256) {
        return 2 * x;
    }
}

/// @notice A contract with constructor arguments that calls a linked library, for the source
/// verification tests (the loopback verifier recompiles it and matches the deployed bytecode).
contract Vault {
    address public owner;
    uint256 public cap;

    constructor(address owner_, uint256 cap_) {
        owner = owner_;
        cap = cap_;
    }

    function doubledCap() external view returns (uint256) {
        return VaultMath.twice(cap);
    }
}
