using Decisioning.Samples.OutcomeGenerator;

namespace Decisioning.Reporting.Tests.Samples;

/// <summary>The sample's synthetic groups use the bucket of spec section 3.5; vectors from there.</summary>
public class GrowthBookHashTests
{
    [Theory]
    [InlineData("seed", "a", 0.0505)]
    [InlineData("seed", "b", 0.2696)]
    [InlineData("foo", "ab", 0.2575)]
    public void Bucket_SpecVectors_Match(string salt, string id, double bucket)
    {
        Assert.Equal(bucket, GrowthBookHash.Bucket(salt, id), 1e-12);
    }
}
