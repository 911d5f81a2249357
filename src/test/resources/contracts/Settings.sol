// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.20;

/// @notice One-step ownership (the shape of OpenZeppelin's Ownable and ERC-173), written here so
/// that the tests need no library: the deployer owns it, transferOwnership hands it on at once.
contract OwnedSettings {
    address public owner;
    uint256 public fee;

    event OwnershipTransferred(address indexed previousOwner, address indexed newOwner);

    error NotOwner(address caller);

    constructor(uint256 initialFee) {
        owner = msg.sender;
        fee = initialFee;
        emit OwnershipTransferred(address(0), msg.sender);
    }

    modifier onlyOwner() {
        if (msg.sender != owner) {
            revert NotOwner(msg.sender);
        }
        _;
    }

    function transferOwnership(address newOwner) external virtual onlyOwner {
        require(newOwner != address(0), "new owner is the zero address");
        emit OwnershipTransferred(owner, newOwner);
        owner = newOwner;
    }

    function setFee(uint256 newFee) external onlyOwner {
        fee = newFee;
    }
}

/// @notice Two-step ownership (the shape of OpenZeppelin's Ownable2Step): transferOwnership only
/// names the pending owner, which becomes the owner when it calls acceptOwnership.
contract TwoStepSettings is OwnedSettings {
    address public pendingOwner;

    event OwnershipTransferStarted(address indexed previousOwner, address indexed newOwner);

    constructor(uint256 initialFee) OwnedSettings(initialFee) {}

    function transferOwnership(address newOwner) external override onlyOwner {
        pendingOwner = newOwner;
        emit OwnershipTransferStarted(owner, newOwner);
    }

    function acceptOwnership() external {
        require(msg.sender == pendingOwner, "caller is not the pending owner");
        emit OwnershipTransferred(owner, msg.sender);
        owner = msg.sender;
        pendingOwner = address(0);
    }
}
