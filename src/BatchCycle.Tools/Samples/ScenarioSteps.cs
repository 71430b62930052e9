using BatchCycle.Cycle;
using static BatchCycle.Samples.SampleChoices;

namespace BatchCycle.Samples;

/// <summary>The records several stories of <see cref="ScenarioCatalogue"/> are built from.</summary>
internal static class ScenarioSteps
{
    private static readonly string[] NoCostWork = ["加强设备维护，减少跑冒滴漏", "优化照明及空调开关管理", "规范化学品仓存及标签管理", "压缩空气管路查漏修复", "生产废料分类回收"];
    internal static readonly string[] CostWork = ["更换高效节能空压机", "注塑机伺服节能改造", "冷却塔变频改造", "LED照明改造", "蒸汽冷凝水及余热回收", "安装太阳能光伏系统"];
    private static readonly string[] VocOrNoxWork = ["安装废气收集及活性炭吸附装置", "水性涂料替代溶剂型涂料", "锅炉低氮燃烧器改造", "喷涂线RTO蓄热燃烧装置"];

    /// <summary>
    /// A completed on-site assessment of <paramref name="factory"/> with two completed no-cost options, the given
    /// number of completed cost options (the first <paramref name="vocAmongCompleted"/> reducing VOC or NOx) and
    /// planned cost options; all dated inside [LookbackStart, ReferenceDate].
    /// </summary>
    internal static string AssessmentWithOptions(CaseBuilder b, SampleFactory factory, int costCompleted, int vocAmongCompleted, int planned)
    {
        var approved = b.Between(b.Calendar.Opens.AddYears(-3), b.Calendar.Opens.AddYears(-2));
        var completed = approved.AddDays(b.Random.Next(150, 330));
        var project = b.Project(factory, OnSiteAssessment, "Completed", approved, completed);
        var number = 1;
        for (var i = 0; i < 2; i++)
        {
            b.Option(project, number++, NoCost, Pick(b, NoCostWork), false, Completed, b.Between(completed, b.Calendar.Opens.AddDays(-14)));
        }

        for (var i = 0; i < costCompleted; i++)
        {
            var voc = i < vocAmongCompleted;
            b.Option(project, number++, Cost, Pick(b, voc ? VocOrNoxWork : CostWork), voc, Completed, b.Between(completed, b.Calendar.Opens.AddDays(-14)));
        }

        for (var i = 0; i < planned; i++)
        {
            b.Option(project, number++, Cost, Pick(b, CostWork), false, Planned, null);
        }

        return project;
    }

    /// <summary>
    /// The on-site assessment behind a label awarded on <paramref name="awarded"/>: options completed before the award
    /// (declared then), and two cost options completed since — declared again in <paramref name="declaredAgainIn"/> when set.
    /// </summary>
    internal static void RenewalOptions(CaseBuilder b, SampleFactory factory, DateOnly awarded, int? declaredAgainIn)
    {
        var approved = awarded.AddYears(-2).AddDays(b.Random.Next(60));
        var completed = approved.AddDays(b.Random.Next(200, 300));
        var project = b.Project(factory, OnSiteAssessment, "Completed", approved, completed);
        var declared = awarded.Year;
        var number = 1;
        for (var i = 0; i < 2; i++)
        {
            b.Option(project, number++, NoCost, Pick(b, NoCostWork), false, Completed, b.Between(completed, awarded.AddDays(-30)), declared);
        }

        for (var i = 0; i < 3; i++)
        {
            b.Option(project, number++, Cost, Pick(b, CostWork), false, Completed, b.Between(completed, awarded.AddDays(-30)), declared);
        }

        b.Option(project, number++, Cost, Pick(b, VocOrNoxWork), true, Completed, b.Between(awarded.AddDays(60), b.Calendar.Opens.AddDays(-14)), declaredAgainIn);
        b.Option(project, number++, Cost, Pick(b, CostWork), false, Completed, b.Between(awarded.AddDays(60), b.Calendar.Opens.AddDays(-14)), declaredAgainIn);
        b.Option(project, number, Cost, Pick(b, CostWork), false, Planned, null);
    }

    /// <summary>A municipal cleaner-production audit passed within two years and valid for three (valid on ReferenceDate).</summary>
    internal static void MunicipalAudit(CaseBuilder b, SampleFactory factory)
    {
        var issued = b.Between(b.Calendar.Opens.AddYears(-2), b.Calendar.Opens.AddMonths(-3));
        b.Title(factory, MunicipalCpAudit, issued, issued.AddYears(3));
    }

    /// <summary>One funded project per factory given, recommended by <paramref name="recommendedBy"/>, approved in the look-back window.</summary>
    internal static void Recommend(CaseBuilder b, string recommendedBy, params SampleFactory[] factories)
    {
        string[] statuses = ["Approved", "InProgress", "Completed"];
        foreach (var factory in factories)
        {
            var approved = b.Between(b.Calendar.LookbackStart.AddMonths(6), b.Calendar.Opens.AddDays(-60));
            var status = statuses[b.Random.Next(statuses.Length)];
            var completed = status == "Completed" ? approved.AddDays(b.Random.Next(30, 50)) : (DateOnly?)null;
            b.Project(factory, b.Random.Next(2) == 0 ? OnSiteAssessment : DemonstrationProject, status, approved, completed, recommendedBy: recommendedBy);
        }
    }

    /// <summary>
    /// Procurement by <paramref name="applicationId"/> from three factories: one with an M label, then an E label or
    /// a title of <paramref name="secondTitle"/>, then a title of <paramref name="thirdTitle"/>. Every label and title
    /// is valid over the whole declared period, so the result does not depend on how the period is read.
    /// </summary>
    internal static void Suppliers(CaseBuilder b, string applicationId, DateOnly from, Choice? secondTitle, Choice thirdTitle)
    {
        var awarded = b.AwardDay(1);
        var first = b.GuangdongFactory();
        b.Label(LabelType.M, b.HongKongCompany(), first, null, awarded, "OnSiteAssessment");
        b.Procurement(applicationId, first, awarded.AddDays(10), b.Calendar.Opens.AddDays(-1));

        var second = b.GuangdongFactory();
        if (secondTitle is { } title)
        {
            b.Title(second, title, from.AddYears(-2), null);
            b.Procurement(applicationId, second, from, null);
        }
        else
        {
            b.Label(LabelType.E, b.HongKongCompany(), second, null, awarded, "Title");
            b.Procurement(applicationId, second, awarded.AddDays(10), null);
        }

        var third = b.GuangdongFactory();
        b.Title(third, thirdTitle, from.AddYears(-2), null);
        b.Procurement(applicationId, third, from, b.Calendar.Opens.AddDays(-30));
    }

    /// <summary><paramref name="count"/> projects by the provider, each for a different factory, completed in the look-back window.</summary>
    internal static void ProviderProjects(CaseBuilder b, string provider, int count)
    {
        for (var i = 0; i < count; i++)
        {
            b.CompletedProject(b.GuangdongFactory(), i % 2 == 0 ? OnSiteAssessment : DemonstrationProject, provider);
        }
    }

    /// <summary>Projects completed since ComplianceStart (counted for renewal) and before it (not counted).</summary>
    internal static void RecentProviderProjects(CaseBuilder b, string provider, int recent, int older)
    {
        var since = b.Calendar.ComplianceStart;
        for (var i = 0; i < recent; i++)
        {
            var completed = b.Between(since.AddDays(10), b.Calendar.Opens.AddDays(-10));
            b.Project(b.GuangdongFactory(), OnSiteAssessment, "Completed", completed.AddDays(-b.Random.Next(120, 300)), completed, provider);
        }

        for (var i = 0; i < older; i++)
        {
            var completed = b.Between(b.Calendar.LookbackStart.AddMonths(6), since.AddDays(-30));
            b.Project(b.GuangdongFactory(), DemonstrationProject, "Completed", completed.AddDays(-b.Random.Next(120, 300)), completed, provider);
        }
    }

    internal static string Pick(CaseBuilder b, string[] choices) => choices[b.Random.Next(choices.Length)];
}
