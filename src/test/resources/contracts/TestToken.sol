// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

/// A minimal token for the integration tests: transfer() moves balances and reverts with a
/// reason when the sender has too little; record() stores values of several ABI types, so a
/// test can read back what a call through `function` + `arguments` encoded.
contract TestToken {
    mapping(address => uint256) public balanceOf;
    string public note;
    uint256 public total;
    bytes32 public tag;
    bool public flag;
    address public lastRecipient;

    event Transfer(address indexed from, address indexed to, uint256 value);

    constructor(address holder, uint256 supply) {
        balanceOf[holder] = supply;
        emit Transfer(address(0), holder, supply);
    }

    function transfer(address to, uint256 amount) external returns (bool) {
        require(balanceOf[msg.sender] >= amount, "TestToken: transfer amount exceeds balance");
        balanceOf[msg.sender] -= amount;
        balanceOf[to] += amount;
        emit Transfer(msg.sender, to, amount);
        return true;
    }

    /// Stores a string, the sum of an array, a bytes32, a bool and the last of a fixed array.
    function record(string calldata note_, uint256[] calldata values, bytes32 tag_, bool flag_, address[2] calldata pair)
        external
    {
        uint256 sum;
        for (uint256 i = 0; i < values.length; i++) {
            sum += values[i];
        }
        note = note_;
        total = sum;
        tag = tag_;
        flag = flag_;
        lastRecipient = pair[1];
    }
}
