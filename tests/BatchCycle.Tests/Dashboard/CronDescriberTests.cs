using BatchCycle.Dashboard.Scheduling;

namespace BatchCycle.Tests.Dashboard;

public sealed class CronDescriberTests
{
    [Theory]
    [InlineData("0 0 2 * * ?", "Every day at 02:00 · 每天 02:00")]
    [InlineData("0 30 9 ? * MON-FRI", "Monday to Friday at 09:30 · 星期一至星期五 09:30")]
    [InlineData("0 0 8 ? * MON", "Every Monday at 08:00 · 每星期一 08:00")]
    [InlineData("0 0 8 ? * MON,THU", "Every Monday, Thursday at 08:00 · 每星期一、星期四 08:00")]
    [InlineData("0 0 9 1 * ?", "Day 1 of every month at 09:00 · 每月1日 09:00")]
    [InlineData("0 0 9 14 5 ?", "Every year on 14 May at 09:00 · 每年5月14日 09:00")]
    [InlineData("0 0 9 14 MAY ?", "Every year on 14 May at 09:00 · 每年5月14日 09:00")]
    [InlineData("0 0/15 * * * ?", "Every 15 minutes · 每15分钟")]
    [InlineData("0 0 9 L * ?", "cron 0 0 9 L * ?")]
    [InlineData("15 0 2 * * ?", "cron 15 0 2 * * ?")]
    [InlineData("0 0 2 * * ? 2030", "cron 0 0 2 * * ? 2030")]
    public void Common_forms_are_put_into_words_and_others_are_shown_as_they_are(string cron, string words)
    {
        Assert.Equal(words, CronDescriber.Describe(cron));
    }
}
