namespace Decisioning.Reporting.Model;

/// <summary>The experiment group of a customer: 模型组 (model) or 非模型组 (control).</summary>
internal enum Group : byte
{
    Model = 0,
    Control = 1,
}
