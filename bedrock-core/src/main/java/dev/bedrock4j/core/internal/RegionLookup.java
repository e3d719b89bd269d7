package dev.bedrock4j.core.internal;

import dev.bedrock4j.core.ConfigurationException;
import java.util.List;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import software.amazon.awssdk.core.SdkSystemSetting;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.AwsProfileRegionProvider;
import software.amazon.awssdk.regions.providers.AwsRegionProvider;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.regions.providers.SystemSettingsRegionProvider;

/**
 * Finds the AWS region of clients {@code Bedrock} creates when the user gave none, in two steps.
 *
 * <p>At {@code build()}, {@link #checkLocal()} asks only the sources that answer without the network, in the
 * SDK chain's order: the {@code aws.region} system property, the {@code AWS_REGION} environment variable,
 * the active profile of the AWS config file. When none has a region and the EC2 instance metadata service
 * (the chain's last source) is switched off, nothing can supply one: it fails there. When the metadata
 * service is on, only asking it can tell, which may take seconds off AWS; that is left to the first call,
 * where {@link #resolve()} runs the SDK's whole chain and turns its failure into the same error.
 *
 * <p>Thread-safe.
 */
public final class RegionLookup {
    private static final String LOCAL_SOURCES = "the aws.region system property, the AWS_REGION environment variable";
    private static final String PROFILE = "the active profile of the AWS config file";

    private final List<AwsRegionProvider> local;
    private final BooleanSupplier metadataServiceDisabled;
    private final AwsRegionProvider chain;

    /**
     * @param local the sources that answer without the network, in order
     * @param metadataServiceDisabled whether the EC2 instance metadata service is switched off
     * @param chain the whole chain, the metadata service included
     */
    public RegionLookup(List<AwsRegionProvider> local, BooleanSupplier metadataServiceDisabled, AwsRegionProvider chain) {
        this.local = List.copyOf(local);
        this.metadataServiceDisabled = Objects.requireNonNull(metadataServiceDisabled, "metadataServiceDisabled");
        this.chain = Objects.requireNonNull(chain, "chain");
    }

    /**
     * The SDK's own sources: what its clients would consult.
     *
     * @return the lookup
     */
    public static RegionLookup sdkDefaults() {
        return new RegionLookup(List.of(new SystemSettingsRegionProvider(), new AwsProfileRegionProvider()),
                RegionLookup::sdkMetadataServiceDisabled, new DefaultAwsRegionProviderChain());
    }

    private static boolean sdkMetadataServiceDisabled() {
        try {
            return SdkSystemSetting.AWS_EC2_METADATA_DISABLED.getBooleanValue().orElse(false);
        } catch (RuntimeException malformed) {
            return false; // the SDK reports a malformed setting itself, where it reads it
        }
    }

    /**
     * Checks, without the network, that some source can supply a region.
     *
     * @throws ConfigurationException when no local source has a region and the metadata service is switched off
     */
    public void checkLocal() {
        for (AwsRegionProvider provider : local) {
            try {
                if (provider.getRegion() != null) {
                    return;
                }
            } catch (RuntimeException none) {
                // as the SDK's chain does: a source that cannot answer passes to the next
            }
        }
        if (metadataServiceDisabled.getAsBoolean()) {
            throw ConfigurationErrors.noRegion("Looked in " + LOCAL_SOURCES + " and " + PROFILE
                    + "; the EC2 instance metadata service is switched off (AWS_EC2_METADATA_DISABLED).", null, null);
        }
    }

    /**
     * Resolves the region through the whole chain, the metadata service included.
     *
     * @return the region
     * @throws ConfigurationException when no source supplies one
     */
    public Region resolve() {
        try {
            Region region = chain.getRegion();
            if (region != null) {
                return region;
            }
        } catch (RuntimeException e) {
            throw ConfigurationErrors.noRegion("Looked in " + LOCAL_SOURCES + ", " + PROFILE + " and the EC2 instance"
                    + " metadata service (the AWS SDK's message is the cause).", e, null);
        }
        throw ConfigurationErrors.noRegion("Looked in " + LOCAL_SOURCES + ", " + PROFILE + " and the EC2 instance"
                + " metadata service.", null, null);
    }
}
