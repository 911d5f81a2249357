package io.kmsethereum.core;

/**
 * A parameter has a value that cannot be used. Raised before anything is signed or sent.
 * The message names the parameter (as the user wrote it, e.g. {@code to} or {@code value}) and
 * says what a valid value looks like.
 */
public class InvalidInputException extends KmsEthereumException {
    private static final long serialVersionUID = 1L;

    private final String parameter;

    /**
     * @param parameter the parameter name as configured by the user, e.g. {@code maxFeePerGas}
     * @param message what is wrong with the value and how to fix it (without the parameter
     *     prefix, which is added here)
     */
    public InvalidInputException(String parameter, String message) {
        super("Invalid '" + parameter + "': " + message);
        this.parameter = parameter;
    }

    /**
     * @return the parameter at fault, as the user names it
     */
    public String getParameter() {
        return parameter;
    }
}
