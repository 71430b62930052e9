using BatchCycle.Certificates;
using BatchCycle.Pipeline;

namespace BatchCycle.Tests.Runs;

/// <summary>Failures of work done side by side: the user's mistake comes out as itself, a bug stays wrapped.</summary>
public sealed class SideBySideTests
{
    [Fact]
    public void A_users_mistake_in_one_item_is_thrown_as_itself()
    {
        var mistake = Assert.Throws<TemplateException>(() => SideBySide.Run(() => Parallel.ForEach(Enumerable.Range(0, 100), i =>
        {
            if (i == 57)
            {
                throw new TemplateException("the template names a value that does not exist");
            }
        })));

        Assert.Equal("the template names a value that does not exist", mistake.Message);
    }

    [Fact]
    public void A_users_mistake_among_bugs_is_what_is_thrown()
    {
        var failures = new Exception[] { new InvalidOperationException("bug"), new TemplateException("mistake") };

        var thrown = Assert.Throws<TemplateException>(() => SideBySide.Run(() =>
            Enumerable.Range(0, failures.Length).AsParallel().Select<int, int>(i => throw failures[i]).ToList()));

        Assert.Equal("mistake", thrown.Message);
    }

    [Fact]
    public void A_bug_stays_wrapped()
    {
        var thrown = Assert.Throws<AggregateException>(() => SideBySide.Run(() =>
            Parallel.For(0, 10, i => throw new InvalidOperationException($"bug {i}"))));

        Assert.All(thrown.Flatten().InnerExceptions, e => Assert.IsType<InvalidOperationException>(e));
    }

    [Fact]
    public void Work_that_succeeds_gives_its_result()
    {
        var squares = SideBySide.Run(() => Enumerable.Range(1, 5).AsParallel().AsOrdered().Select(i => i * i).ToList());

        Assert.Equal([1, 4, 9, 16, 25], squares);
    }
}
