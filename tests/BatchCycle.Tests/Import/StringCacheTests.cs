using BatchCycle.Import;

namespace BatchCycle.Tests.Import;

public sealed class StringCacheTests
{
    [Fact]
    public void Equal_texts_read_apart_share_one_copy()
    {
        var cache = new StringCache();
        var first = cache.Intern(new string("91440300MA4HLDRU7E".AsSpan()));
        var second = cache.Intern(new string("91440300MA4HLDRU7E".AsSpan()));

        Assert.Same(first, second);
    }

    [Fact]
    public void A_text_is_never_replaced_by_a_different_one()
    {
        // One slot: every text collides, and each must still come back as itself.
        var cache = new StringCache(slotBits: 1);
        var texts = Enumerable.Range(0, 1000).Select(i => $"OA23-{i:00000}").ToList();

        var interned = texts.Select(t => cache.Intern(t)).ToList();

        Assert.Equal(texts, interned);
        Assert.Null(cache.Intern(null));
    }

    [Fact]
    public void Records_of_a_whole_file_share_their_repeated_identifiers()
    {
        var import = new CycleImport();
        var csv = "ProjectRef,ProjectType,FactoryId,FactoryName,Status,ApprovedOn,CompletedOn\n" +
            string.Concat(Enumerable.Range(1, 50).Select(i => $"OA23-{i:00000},OnSiteAssessment,91440300MA4HLDRU7E,深圳宝龙化工厂,Completed,2023-05-13,2024-02-08\n"));

        import.ReadFile("funded-projects.csv", System.Text.Encoding.UTF8.GetBytes(csv), DateTime.UnixEpoch, CancellationToken.None);
        var projects = import.ToCycleData().FundedProjects;

        Assert.Equal(50, projects.Count);
        Assert.All(projects, p => Assert.Same(projects[0].FactoryId, p.FactoryId));
        Assert.All(projects, p => Assert.Same(projects[0].FactoryName, p.FactoryName));
        Assert.Equal("91440300MA4HLDRU7E", projects[0].FactoryId);
    }
}
