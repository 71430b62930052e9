namespace BatchCycle.Dashboard.Pages;

/// <summary>Bilingual names of run and stage states.</summary>
public static class StateLabels
{
    public static string Of(string state) => state switch
    {
        "Running" => "运行中 Running",
        "Completed" => "已完成 Completed",
        "Failed" => "失败 Failed",
        "Interrupted" => "已中断 Interrupted",
        "Pending" => "等待 Pending",
        "Queued" => "排队中 Queued",
        "Eligible" => "符合 Eligible",
        "Ineligible" => "不符合 Ineligible",
        "NeedsReview" => "需复核 Needs review",
        _ => state,
    };
}
