package io.kmsethereum.core.rpc;

/**
 * Facts about chain ids (EIP-155) that change what the plugin does by default.
 */
public final class Chains {
    /** Anvil's and Hardhat Network's default chain id. */
    public static final long ANVIL = 31337;
    /** The chain id of geth's {@code --dev} mode and Ganache. */
    public static final long GETH_DEV = 1337;

    private Chains() {}

    /**
     * @param chainId a chain id
     * @return whether it is a local development chain (31337: Anvil, Hardhat; 1337: geth
     *     {@code --dev}, Ganache), whose ether costs nothing and which is reset at will
     */
    public static boolean isLocalDevelopment(long chainId) {
        return chainId == ANVIL || chainId == GETH_DEV;
    }
}
