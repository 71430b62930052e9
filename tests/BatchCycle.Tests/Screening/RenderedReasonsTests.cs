using BatchCycle.Messages;
using BatchCycle.Screening;

namespace BatchCycle.Tests.Screening;

public sealed class RenderedReasonsTests
{
    [Fact]
    public void A_recurring_reason_is_rendered_once_and_gives_the_same_text()
    {
        var renders = 0;
        var texts = new RenderedReasons<string>(reason => { renders++; return Catalogue.Render(reason, Catalogue.English); });
        var reason = Message.Of("Stored", "4.1-I");

        var first = texts.Of(reason);
        var again = texts.Of(Message.Of("Stored", "4.1-I"));

        Assert.Equal(1, renders);
        Assert.Same(first, again);
        Assert.Equal(Catalogue.Render(reason, Catalogue.English), first);
    }

    [Fact]
    public void Reasons_past_the_capacity_are_rendered_each_time_and_still_right()
    {
        var renders = 0;
        var texts = new RenderedReasons<string>(reason => { renders++; return string.Join('|', reason.Args); });
        for (var i = 0; i < RenderedReasons<string>.Capacity; i++)
        {
            texts.Of(Message.Of("K", i));
        }

        Assert.Equal("late", texts.Of(Message.Of("K", "late")));
        Assert.Equal("late", texts.Of(Message.Of("K", "late")));
        Assert.Equal("0", texts.Of(Message.Of("K", 0)));

        Assert.Equal(RenderedReasons<string>.Capacity + 2, renders);
    }
}
