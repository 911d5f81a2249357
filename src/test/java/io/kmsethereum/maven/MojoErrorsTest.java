package io.kmsethereum.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.kmsethereum.core.InvalidInputException;
import io.kmsethereum.core.KeyRejectedException;
import io.kmsethereum.core.KmsEthereumException;
import io.kmsethereum.core.ServiceUnavailableException;
import io.kmsethereum.core.SignatureCheckException;
import java.net.ConnectException;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.descriptor.DuplicateParameterException;
import org.apache.maven.plugin.descriptor.MojoDescriptor;
import org.apache.maven.plugin.descriptor.Parameter;
import org.junit.jupiter.api.Test;

/**
 * Who can fix it decides the Maven exception: the user (bad input, unusable key) gets a
 * {@link MojoFailureException}, the environment (KMS unreachable, a bad answer from KMS) a
 * {@link MojoExecutionException}. Message and cause are kept; bad input gets the user property
 * of the parameter it names, from the goal's descriptor.
 */
class MojoErrorsTest {

    private static Exception mapped(KmsEthereumException e) {
        Exception m = MojoErrors.toMojoException(e, null);
        assertEquals(e.getMessage(), m.getMessage());
        assertSame(e, m.getCause());
        return m;
    }

    @Test
    void keyRejectedIsAFailure() {
        Exception m = mapped(new KeyRejectedException("KMS key 'alias/x' is disabled.", null));
        assertEquals(MojoFailureException.class, m.getClass());
    }

    @Test
    void invalidInputIsAFailure() {
        Exception m = mapped(new InvalidInputException("to", "is not an address"));
        assertEquals(MojoFailureException.class, m.getClass());
        assertEquals("Invalid 'to': is not an address", m.getMessage());
    }

    @Test
    void unreachableServiceIsAnExecutionError() {
        Exception m =
                mapped(new ServiceUnavailableException("KMS could not be reached", new ConnectException("refused")));
        assertEquals(MojoExecutionException.class, m.getClass());
    }

    @Test
    void badSignatureFromKmsIsAnExecutionError() {
        Exception m = mapped(new SignatureCheckException("signature does not verify"));
        assertEquals(MojoExecutionException.class, m.getClass());
    }

    @Test
    void theFaultAnExceptionCarriesDecides() {
        assertEquals(
                MojoFailureException.class,
                mapped(new KmsEthereumException(KmsEthereumException.Fault.USER, "change this"))
                        .getClass());
        assertEquals(
                MojoExecutionException.class,
                mapped(new KmsEthereumException(KmsEthereumException.Fault.ENVIRONMENT, "interrupted"))
                        .getClass());
    }

    @Test
    void renamedInputErrorKeepsTheDetail() {
        InvalidInputException e = new InvalidInputException("constructorArgs", "takes 2 arguments");
        InvalidInputException renamed = e.renamed("contracts[2].constructorArgs");
        assertEquals("Invalid 'contracts[2].constructorArgs': takes 2 arguments", renamed.getMessage());
        assertEquals("takes 2 arguments", renamed.getDetail());
        assertSame(e, renamed.getCause());
    }

    private static MojoDescriptor goal() throws DuplicateParameterException {
        MojoDescriptor goal = new MojoDescriptor();
        for (String[] p : new String[][] {{"keyId", "${kms.keyId}"}, {"nonce", "${kms.nonce}"}, {"contracts", null}}) {
            Parameter parameter = new Parameter();
            parameter.setName(p[0]);
            parameter.setExpression(p[1]);
            goal.addParameter(parameter);
        }
        return goal;
    }

    @Test
    void badInputNamesTheUserPropertyOfItsParameter() throws DuplicateParameterException {
        assertEquals(
                "Invalid 'keyId': is required (Maven property: kms.keyId)",
                MojoErrors.toMojoException(new InvalidInputException("keyId", "is required"), goal())
                        .getMessage());
        assertEquals(
                "Invalid 'nonce, gasLimit, keyId': required (Maven properties: kms.nonce, kms.keyId)",
                MojoErrors.toMojoException(new InvalidInputException("nonce, gasLimit, keyId", "required"), goal())
                        .getMessage());
    }

    @Test
    void noHintWithoutAUserProperty() throws DuplicateParameterException {
        for (KmsEthereumException e : new KmsEthereumException[] {
            new InvalidInputException("contracts", "is empty"),
            new InvalidInputException("contracts[2].constructorArgs", "takes 2 arguments"),
            new KeyRejectedException("KMS key 'alias/x' is disabled. Configure another 'keyId'.", null)
        }) {
            assertEquals(e.getMessage(), MojoErrors.toMojoException(e, goal()).getMessage());
        }
    }
}
