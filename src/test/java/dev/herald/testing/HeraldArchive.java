package dev.herald.testing;

import java.io.File;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The WAR an Arquillian test deploys into Liberty: Herald's own, with the test class and AssertJ added. */
public final class HeraldArchive {
    private HeraldArchive() {}

    public static WebArchive with(String name, Class<?> test) throws Exception {
        WebArchive herald = ShrinkWrap.createFromZipFile(
                WebArchive.class, new File(System.getProperty("herald.war", "target/herald.war")));
        return ShrinkWrap.create(WebArchive.class, name)
                .merge(herald)
                .addClasses(test, ArquillianServer.class)
                .addAsLibraries(new File(org.assertj.core.api.Assertions.class
                        .getProtectionDomain()
                        .getCodeSource()
                        .getLocation()
                        .toURI()));
    }
}
