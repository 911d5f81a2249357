package io.kmsethereum.maven;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Session user properties for one test, as {@code -Dname=value} on the command line would set
 * them; applied by {@link MojoTestSupport} before the harness injects the Mojo, so they reach the
 * Mojo through its {@code property = "kms.…"} expressions.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@interface UserProperties {
    /** @return {@code name=value} pairs, e.g. {@code kms.skip=true} */
    String[] value();
}
