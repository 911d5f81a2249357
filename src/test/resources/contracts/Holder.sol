// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.20;

/// @notice Keeps its constructor arguments so that tests can read them back through the getters.
contract Holder {
    address public owner;
    uint256 public amount;
    bool public flag;
    bytes32 public tag;
    string public label;
    int64 public delta;
    bytes public blob;
    uint256[] private numbers;
    address[2] private pair;

    constructor(
        address owner_,
        uint256 amount_,
        bool flag_,
        bytes32 tag_,
        string memory label_,
        uint256[] memory numbers_,
        int64 delta_,
        bytes memory blob_,
        address[2] memory pair_
    ) payable {
        owner = owner_;
        amount = amount_;
        flag = flag_;
        tag = tag_;
        label = label_;
        numbers = numbers_;
        delta = delta_;
        blob = blob_;
        pair = pair_;
    }

    function getNumbers() external view returns (uint256[] memory) {
        return numbers;
    }

    function getPair() external view returns (address[2] memory) {
        return pair;
    }
}

/// @notice An interface: it has an ABI but no bytecode, so it cannot be deployed.
interface IHolder {
    function owner() external view returns (address);
}
