package io.kmsethereum.core;

/**
 * A parameter has a value that cannot be used. Raised before anything is signed or sent.
 * The message names the parameter (as the user wrote it, e.g. {@code to} or {@code value}) and
 * says what a valid value looks like.
 */
public class InvalidInputException extends KmsEthereumException {
    private static final long serialVersionUID = 1L;

    private final String parameter;
    private final String detail;

    /**
     * @param parameter the parameter name as configured by the user, e.g. {@code maxFeePerGas}
     * @param message what is wrong with the value and how to fix it (without the parameter
     *     prefix, which is added here)
     */
    public InvalidInputException(String parameter, String message) {
        super(Fault.USER, "Invalid '" + parameter + "': " + message);
        this.parameter = parameter;
        this.detail = message;
    }

    /**
     * @return what is wrong with the value and how to fix it, without the parameter prefix
     */
    public String getDetail() {
        return detail;
    }

    /**
     * @param outer the name under which the user configured this parameter, e.g.
     *     {@code contracts[2].constructorArgs} for an entry of a list
     * @return the same error naming {@code outer}
     */
    public InvalidInputException renamed(String outer) {
        InvalidInputException renamed = new InvalidInputException(outer, detail);
        renamed.initCause(this);
        return renamed;
    }

    /**
     * @return the parameter at fault, as the user names it
     */
    public String getParameter() {
        return parameter;
    }
}
