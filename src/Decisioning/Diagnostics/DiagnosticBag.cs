namespace Decisioning.Diagnostics;

/// <summary>Collects every problem of one load, so that one run reports all of them.</summary>
internal sealed class DiagnosticBag
{
    private readonly List<Diagnostic> _items = [];

    public bool HasErrors { get; private set; }

    public IReadOnlyList<Diagnostic> Items => _items;

    public void Add(Diagnostic diagnostic)
    {
        _items.Add(diagnostic);
        HasErrors |= diagnostic.Severity == Severity.Error;
    }

    public void Error(string code, string message, SourceLocation location) =>
        Add(Diagnostic.Error(code, message, location));

    public void Warning(string code, string message, SourceLocation location) =>
        Add(Diagnostic.Warning(code, message, location));

    /// <summary>Problems in file, line, column order; equal places keep the order they were found in.</summary>
    public IReadOnlyList<Diagnostic> Sorted() =>
        [.. _items
            .Select((d, i) => (d, i))
            .OrderBy(x => x.d.Location.File, StringComparer.Ordinal)
            .ThenBy(x => x.d.Location.Line)
            .ThenBy(x => x.d.Location.Column)
            .ThenBy(x => x.i)
            .Select(x => x.d)];
}
