using BatchCycle.Cycle;

namespace BatchCycle.Reminders;

/// <summary>One requirement of a renewal in plain words, Chinese and English.</summary>
public sealed record RenewalRequirement(string Zh, string En);

/// <summary>
/// The renewal requirements of each label type in plain words, as a reminder states them (guide 5.2–5.5;
/// CRITERIA.md 5.2-I, 5.2-II, 5.3-I, 5.3-II, 5.4, 5.5-1, 5.5-2). Dates come from the label and the cycle
/// calendar, never from a particular year.
/// </summary>
public static class RenewalRequirements
{
    public static IReadOnlyList<RenewalRequirement> For(LabelType type, DateOnly awardedOn, CycleCalendar calendar)
    {
        var from = Day(awardedOn);
        var to = Day(calendar.ReferenceDate);
        var since = Day(calendar.ComplianceStart);
        var compliance = new RenewalRequirement(
            $"遵守法律法规：自 {from} 起，工厂已遵守广东省或香港特别行政区所有适用的法例（尤其是环保法例），没有违规或处罚记录；申请时须签署附件二声明。",
            $"Compliance: since {from} the factory has complied with all applicable laws of Guangdong or the Hong Kong SAR, in particular environmental laws, with no violation or penalty record; the Annex II declaration must be signed with the application.");
        return type switch
        {
            // Guide 5.2: one of two improvement routes, plus compliance since the label was awarded.
            LabelType.M =>
            [
                new(
                    $"清洁生产改善（符合其中一项）：(1) 标志以「伙伴计划」实地评估途径获得，并于 {from} 至 {to} 期间按计划完成不少于两项有费方案；或 (2) 工厂于同期内继续通过市级清洁生产审核验收，或持有有效的市级「清洁生产企业」称号。",
                    $"Cleaner production (one of): (1) the label was obtained through the Programme's on-site assessment route and at least two cost options were completed as planned between {from} and {to}; or (2) in the same period the factory passed a municipal cleaner production audit or held a valid municipal Cleaner Production Enterprise title."),
                compliance,
            ],

            // Guide 5.3: as 5.2, with the provincial and green-factory titles in place of the municipal ones.
            LabelType.E =>
            [
                new(
                    $"清洁生产改善（符合其中一项）：(1) 标志以「伙伴计划」实地评估途径获得，并于 {from} 至 {to} 期间按计划完成不少于两项有费方案；或 (2) 工厂于同期内获得或继续持有有效的「广东省清洁生产企业」称号，或工业和信息化部、广东省工业和信息化厅「绿色工厂」称号。",
                    $"Cleaner production (one of): (1) the label was obtained through the Programme's on-site assessment route and at least two cost options were completed as planned between {from} and {to}; or (2) in the same period the factory obtained or kept a valid Guangdong Cleaner Production Enterprise title, or a Green Factory title of the MIIT or of the Guangdong Department of Industry and Information Technology."),
                compliance,
            ],

            // Guide 5.4: no compliance requirement applies to supply-chain partners.
            LabelType.S =>
            [
                new(
                    $"于 {from} 至 {to} 期间符合其中一项：(1) 再推荐至少三家不同的港资工厂成功申请「伙伴计划」资助项目（已为本标志计算的工厂不再计算）；或 (2) 继续向三家或以上持有「粤港清洁生产伙伴（制造业）」或「粤港清洁生产优越伙伴（制造业）」标志、「广东省清洁生产企业」或工业和信息化部「绿色工厂」称号的港资工厂采购其生产的商品。",
                    $"Between {from} and {to}, one of: (1) recommended at least three further, different Hong Kong-owned factories whose applications for Programme-funded projects were approved (factories counted for this label do not count again); or (2) kept buying goods made by three or more Hong Kong-owned factories holding a Manufacturing Partner or Manufacturing Outstanding Partner label, a Guangdong Cleaner Production Enterprise title or an MIIT Green Factory title."),
            ],

            // Guide 5.5: counted from one year before the cycle opens, not from the award.
            LabelType.T =>
            [
                new(
                    $"自 {since} 起（本年度开始接受申请日期前一年），再协助港资工厂成功完成不少于三个获「伙伴计划」资助的项目。",
                    $"Since {since} (one year before this cycle opened), helped Hong Kong-owned factories complete at least three more Programme-funded projects."),
                new(
                    $"自 {since} 起，没有收到经调查属实、由参与「伙伴计划」的工厂客户的投诉，或秘书处发出的服务质素欠佳报告。",
                    $"Since {since}, no substantiated complaint from a client factory of the Programme and no poor-service report from the Secretariat."),
            ],
            _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown label type."),
        };
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
