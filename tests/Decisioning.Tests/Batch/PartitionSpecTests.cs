using Decisioning.Batch;
using Decisioning.Evaluation;
using Xunit;

namespace Decisioning.Tests.Batch;

/// <summary><c>--partition I/N</c>: parsing, and <c>fnv1a32(id) mod N</c> placing each id in exactly one partition.</summary>
public sealed class PartitionSpecTests
{
    [Theory]
    [InlineData("0/1", 0, 1)]
    [InlineData("3/5", 3, 5)]
    [InlineData("0/12", 0, 12)]
    public void TryParse_IndexBelowCount_Parses(string text, int index, int count)
    {
        Assert.True(PartitionSpec.TryParse(text, out var partition));
        Assert.Equal(new PartitionSpec(index, count), partition);
    }

    [Theory]
    [InlineData("5/5")]
    [InlineData("0/0")]
    [InlineData("-1/3")]
    [InlineData("1")]
    [InlineData("/3")]
    [InlineData("1/")]
    [InlineData("a/b")]
    [InlineData(" 1/3")]
    public void TryParse_Malformed_Fails(string text) => Assert.False(PartitionSpec.TryParse(text, out _));

    [Fact]
    public void Contains_EveryId_FallsInExactlyOnePartitionByItsHash()
    {
        string?[] ids = ["C00001", "C00002", "王女士", "", null, "S7-C04242"];
        foreach (var id in ids)
        {
            var owners = Enumerable.Range(0, 7).Where(i => new PartitionSpec(i, 7).Contains(id)).ToList();
            Assert.Equal([(int)(ExperimentHash.Fnv1a32(id ?? "") % 7)], owners);
        }
    }
}
