package io.kmsethereum.maven;

import java.io.File;
import java.util.List;
import java.util.Map;

/**
 * One entry of {@code kms-deploy-contract}'s {@code contracts} list: the same fields as the
 * goal's single-contract parameters, for one contract of a batch. Maven fills it from
 * {@code <contracts><contract>…</contract></contracts>}.
 *
 * @since 0.1.0
 */
public class ContractEntry {
    /** The compiled contract (any format {@code artifact} accepts). Required. */
    File artifact;

    /** The contract's name when the artifact holds several. */
    String contractName;

    /** Constructor arguments, one per constructor parameter, as the goal's {@code constructorArgs}. */
    List<String> constructorArgs;

    /** Library addresses for link placeholders, by library name. */
    Map<String, String> libraries;

    /** Wei sent to a payable constructor, with a unit ({@code 0.01 ether}). */
    String value;

    /** CREATE2 salt; without it, a plain creation. */
    String salt;

    /** Ledger name; default the contract name. Distinct within the list. */
    String deploymentName;

    /** Project property that receives the address; default {@code kms.contractAddress.<deploymentName>}. */
    String contractAddressProperty;

    /** The new owner to hand this contract to after its deployment (a Safe); none when absent. */
    String transferOwnershipTo;

    /** The one-address function that hands it over; default the goal's {@code transferOwnershipFunction}. */
    String transferOwnershipFunction;

    /** Whether {@code transferOwnershipTo} may have no code; default the goal's {@code transferOwnershipToEoa}. */
    Boolean transferOwnershipToEoa;
}
