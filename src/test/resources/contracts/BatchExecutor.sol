// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.20;

/// @notice An EIP-7702 delegate for tests: the delegating account calls execute on itself to make
/// several calls in one transaction, all or nothing.
contract BatchExecutor {
    error OnlySelf();
    error CallFailed(uint256 index, bytes reason);

    /// @notice Calls targets[i] with values[i] wei and calldata[i], in order; reverts the whole
    /// batch when one call fails. Only the account itself may call it.
    function execute(address[] calldata targets, uint256[] calldata values, bytes[] calldata calldatas)
        external
        payable
    {
        if (msg.sender != address(this)) revert OnlySelf();
        require(targets.length == values.length && targets.length == calldatas.length, "lengths differ");
        for (uint256 i = 0; i < targets.length; i++) {
            (bool ok, bytes memory reason) = targets[i].call{value: values[i]}(calldatas[i]);
            if (!ok) revert CallFailed(i, reason);
        }
    }

    receive() external payable {}
}
