// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.20;

/// @notice Keeps constructor arguments of array and tuple (struct) types, so that tests can read
/// them back through the getters.
contract Registry {
    struct Config {
        address admin;
        uint256[] limits;
        string name;
    }

    struct Entry {
        uint256 id;
        bool active;
    }

    address public owner;
    uint256[] private numbers;
    Config private config;
    Entry[] private entries;

    constructor(address owner_, uint256[] memory numbers_, Config memory config_, Entry[] memory entries_) {
        owner = owner_;
        numbers = numbers_;
        config = config_;
        for (uint256 i = 0; i < entries_.length; i++) {
            entries.push(entries_[i]);
        }
    }

    function getNumbers() external view returns (uint256[] memory) {
        return numbers;
    }

    function getConfig() external view returns (Config memory) {
        return config;
    }

    function getEntries() external view returns (Entry[] memory) {
        return entries;
    }
}
