using BatchCycle.Screening;

namespace BatchCycle.Tests.Screening;

public sealed class GroupingTests
{
    [Fact]
    public void Each_key_gets_its_records_in_the_order_given()
    {
        string[] records = ["a1", "b1", "a2", "c1", "b2", "a3", "x"];

        var grouping = new Grouping<string>(records, r => r == "x" ? null : r[..1]);

        Assert.Equal(["a1", "a2", "a3"], grouping["a"]);
        Assert.Equal(["b1", "b2"], grouping["b"]);
        Assert.Equal(["c1"], grouping["c"]);
        Assert.Empty(grouping["x"]);
        Assert.Empty(grouping["d"]);
    }

    [Fact]
    public void Keys_compare_as_told()
    {
        var grouping = new Grouping<string>(["app-1 first", "APP-1 second"], r => r.Split(' ')[0], StringComparer.OrdinalIgnoreCase);

        Assert.Equal(["app-1 first", "APP-1 second"], grouping["App-1"]);
    }
}
