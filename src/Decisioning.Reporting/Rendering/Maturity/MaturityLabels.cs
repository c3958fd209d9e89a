namespace Decisioning.Reporting.Rendering.Maturity;

/// <summary>The texts of the maturity section, in the board's two languages (the report page uses English).</summary>
internal sealed record MaturityLabels(
    string Title,
    string Note,
    string Model,
    string Strategy,
    string Period,
    string Version,
    string FirstDecision,
    string Decisions,
    string Evidence,
    string Contacts,
    string Positives,
    string Negatives,
    string MeanPropensity,
    string Auc,
    string Bins,
    string EvidenceChart,
    string AucChart,
    string All)
{
    public static MaturityLabels English { get; } = new(
        "Adaptive models: maturity",
        "Per model and strategy: the evidence the decisions' traces carried (interactions learned), the contacts made and how many a positive response followed within the window, the mean propensity of the contacts, the AUC of those propensities against what followed (on the contacts whose outcome is known), and, with the learned state, the predictor bins whose interactions reached minEvidence.",
        "model", "strategy", "period", "version", "first decision", "decisions", "evidence", "contacts", "positives", "negatives",
        "mean propensity", "AUC (n)", "mature bins", "Evidence (interactions learned)", "AUC of the propensities against outcomes", "all");

    public static MaturityLabels Chinese { get; } = new(
        "自适应模型成熟度 Adaptive models",
        "按模型与策略：决策轨迹中的证据量（已学习的交互数）、接触次数及窗口内有正向响应的次数、接触的平均倾向分、倾向分对结果的 AUC（结果已知的接触），以及（提供学习状态时）交互数达到 minEvidence 的预测变量分箱数。",
        "模型", "策略", "周期", "版本", "首次决策", "决策", "证据量", "接触", "正向", "负向",
        "平均倾向分", "AUC (n)", "成熟分箱", "证据量（已学习交互数）", "倾向分对结果的 AUC", "全部");
}
