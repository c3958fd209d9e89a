namespace Decisioning.Reporting.Rendering.Board;

/// <summary>
/// Every text of the board page in one language. Reason codes and ids stay as the decision log
/// writes them (ASCII), with a translation beside them in Chinese, so the page stays readable
/// even where no CJK font is installed.
/// </summary>
internal sealed record Labels(
    string HtmlLang,
    string Title,
    string Meta,
    string Filter,
    string SrmWarning,
    string StrategyTable,
    string Strategy,
    string Reach,
    string Contacts,
    string ByWave,
    string ByChannel,
    string Responded,
    string Declined,
    string Converted,
    string Value,
    string Uplift,
    string Significance,
    string Capacity,
    string Significant,
    string NotSignificant,
    string Trend,
    string TrendNote,
    string NoComparison,
    string Period,
    string Funnel,
    string FunnelNote,
    string Evaluated,
    string Selected,
    string NoAction,
    string NoActionNote,
    string Waves,
    string Wave,
    string Actions,
    string ResponseRate,
    string Shadow,
    string ShadowNote,
    string NoShadow,
    string Changed,
    string From,
    string To,
    string None,
    string Channels,
    string PerDay,
    string Used,
    string Maps,
    string Data,
    string Decisions,
    string Customers,
    string Outcomes,
    string Attributed,
    string BadLines,
    string ErrorRecords,
    string Control,
    string Model)
{
    public static Labels For(BoardLanguage language) => language == BoardLanguage.Chinese ? Chinese : English;

    public static Labels English { get; } = new(
        "en", "Strategy board", "Periods of {0} from {1}; outcomes count within {2} of a decision", "Filter strategies",
        "Sample-ratio mismatch: the control group's share is not the configured one; comparisons are not reliable.",
        "Strategies", "strategy", "reach", "contacts", "by wave", "by channel", "responded", "declined", "converted", "value",
        "uplift (95% CI)", "p", "capacity used", "significant", "not significant",
        "Trend per strategy", "Conversion uplift (model − control, percentage points) of the customers first decided in each period; the band is the 95% interval.",
        "no model-versus-control comparison", "period",
        "Decision funnel", "Every strategy of every decision, by the gate that stopped it (control-group decisions by their trace).",
        "evaluated", "selected",
        "Customers with no action", "Decisions that returned no action, by why (the gate the furthest strategy reached).",
        "Responses by wave", "wave", "actions", "response rate",
        "Shadow agreement", "Decisions that carried a shadow map's choice, and how often it would have changed the first action.",
        "no decision carried a shadow map", "changed", "served", "shadow", "(none)",
        "Channels", "per day", "used", "Map versions", "Data read", "decisions", "customers", "outcomes", "attributed to an action",
        "bad lines", "error records", "control", "model");

    public static Labels Chinese { get; } = new(
        "zh-CN", "策略管理看板 Strategy board", "周期 {0}，自 {1} 起；决策后 {2} 内的结果计入", "筛选策略",
        "样本比例失衡 (SRM)：对照组占比与配置不符，比较结果不可靠。",
        "策略一览", "策略", "触达客户", "接触次数", "按波次", "按渠道", "响应", "拒绝", "转化", "价值",
        "提升 (95% 置信区间)", "p 值", "渠道容量占用", "显著", "不显著",
        "策略趋势", "各周期首次决策客户的转化提升（模型组 − 非模型组，百分点）；阴影为 95% 置信区间。",
        "无模型组与非模型组对比", "周期",
        "决策漏斗", "每次决策中每个策略止步的关卡（对照组按其决策轨迹计）。",
        "评估", "入选",
        "无动作客户", "未返回动作的决策，按原因（走得最远的策略所止步的关卡）。",
        "分波次响应", "波次", "动作数", "响应率",
        "影子策略一致性", "带有影子策略图谱结果的决策，以及影子会改变首个动作的比例。",
        "没有决策带有影子策略", "改变", "实际", "影子", "（无）",
        "渠道", "每日容量", "占用", "策略图谱版本", "数据读取", "决策", "客户", "结果", "归因到动作",
        "错误行", "错误记录", "非模型组", "模型组");

    /// <summary>A reason code, with its Chinese name beside it on a Chinese page.</summary>
    public string Reason(string code) => HtmlLang == "en" || !ReasonNames.TryGetValue(code, out var zh) ? code : $"{zh} {code}";

    private static readonly Dictionary<string, string> ReasonNames = new(StringComparer.Ordinal)
    {
        ["inactive"] = "未生效",
        ["not-targeted"] = "非目标客群",
        ["scenario"] = "场景不符",
        ["condition"] = "条件不符",
        ["ineligible"] = "产品不适配",
        ["already-held"] = "已持有",
        ["suppressed"] = "已抑制",
        ["responded"] = "已响应",
        ["wave-pending"] = "等待下一波",
        ["cooldown"] = "冷却期",
        ["no-channel"] = "无可用渠道",
        ["policy"] = "策略否决",
        ["arbitration"] = "仲裁淘汰",
        ["capacity"] = "渠道容量",
        ["control"] = "对照组",
        ["no-strategies"] = "无策略",
        ["selected"] = "入选",
    };
}
