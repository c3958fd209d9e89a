namespace Decisioning.Runtime;

/// <summary>
/// Everything an expression can see while one customer is decided. One frame is reused for
/// every expression of a decision; compiled expressions read it by slot.
/// </summary>
internal sealed class Frame
{
    public ValueRow Customer = null!;
    public ValueRow? Event;
    public IReadOnlyList<string> Holdings = [];
    public IReadOnlyList<string> Segments = [];
    public string? Tier;
    public string? Stage;
}
