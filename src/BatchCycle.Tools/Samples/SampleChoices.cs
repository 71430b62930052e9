namespace BatchCycle.Samples;

/// <summary>The coded values of docs/inputs.md that have a Chinese form, as written in sample files.</summary>
public static class SampleChoices
{
    public static readonly Choice New = new("New", "新申请");
    public static readonly Choice Renewal = new("Renewal", "续期");

    public static readonly Choice OnSiteAssessment = new("OnSiteAssessment", "实地评估");
    public static readonly Choice DemonstrationProject = new("DemonstrationProject", "示范项目");
    public static readonly Choice Verification = new("Verification", "核证");

    public static readonly Choice NoCost = new("NoCost", "无费");
    public static readonly Choice Cost = new("Cost", "有费");

    public static readonly Choice Completed = new("Completed", "已完成");
    public static readonly Choice Planned = new("Planned", "计划执行");
    public static readonly Choice NotPlanned = new("NotPlanned", "不执行");

    public static readonly Choice MunicipalCpAudit = new("MunicipalCpAudit", "市级清洁生产审核验收");
    public static readonly Choice MunicipalCpEnterprise = new("MunicipalCpEnterprise", "市级清洁生产企业");
    public static readonly Choice ProvincialCpEnterprise = new("ProvincialCpEnterprise", "广东省清洁生产企业");
    public static readonly Choice GreenFactoryMiit = new("GreenFactoryMiit", "工信部绿色工厂");
    public static readonly Choice GreenFactoryProvincial = new("GreenFactoryProvincial", "广东省绿色工厂");

    public static readonly Choice Approve = new("Approve", "批准");
    public static readonly Choice Reject = new("Reject", "不批准");
    public static readonly Choice Defer = new("Defer", "押后");
}
