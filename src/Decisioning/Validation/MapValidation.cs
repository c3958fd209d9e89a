using Decisioning.Diagnostics;
using Decisioning.Model;

namespace Decisioning.Validation;

/// <summary>Runs <see cref="MapValidator"/> and turns its failures into positioned diagnostics.</summary>
internal static class MapValidation
{
    public static MapSymbols Validate(MapDocument document, IReadOnlySet<string> hostModels, DiagnosticBag diagnostics)
    {
        var symbols = MapSymbols.Of(document, hostModels);
        var result = new MapValidator(symbols).Validate(document);
        foreach (var failure in result.Errors)
        {
            var at = failure.CustomState is SourceLocation location ? location : document.Location;
            var severity = failure.Severity == FluentValidation.Severity.Error ? Severity.Error : Severity.Warning;
            diagnostics.Add(new Diagnostic(severity, failure.ErrorCode, failure.ErrorMessage, at));
        }

        return symbols;
    }
}
