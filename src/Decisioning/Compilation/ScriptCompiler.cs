using Decisioning.Plan;
using System.Text.RegularExpressions;
using Decisioning.Diagnostics;
using Decisioning.Model;
using Decisioning.Runtime;
using Fluid;
using Fluid.Ast;

namespace Decisioning.Compilation;

/// <summary>
/// Parses a script (话术) as a Liquid template with Fluid and checks every name it reads against
/// what a script can see (spec section 3): <c>customer.&lt;declared field&gt;</c>, <c>product</c>
/// (id, name, value), <c>channel</c> (id, name) and <c>strategy</c> (id).
/// </summary>
internal static partial class ScriptCompiler
{
    // Statement locations for diagnostics; the depth guard keeps a hostile text from exhausting
    // the stack while it is parsed (the nesting limit of ScriptRules comes well before it).
#pragma warning disable FLUID001 // statement locations: only for diagnostics' positions
    private static readonly FluidParser Parser = new(new FluidParserOptions
    {
        TrackStatementLocations = true,
        MaxRecursionDepth = ScriptLimits.MaxParseDepth,
    });
#pragma warning restore FLUID001

    public static readonly IReadOnlyDictionary<string, IReadOnlySet<string>> FixedMembers =
        new Dictionary<string, IReadOnlySet<string>>(StringComparer.Ordinal)
        {
            ["product"] = new HashSet<string>(StringComparer.Ordinal) { "id", "name", "value" },
            ["channel"] = new HashSet<string>(StringComparer.Ordinal) { "id", "name" },
            ["strategy"] = new HashSet<string>(StringComparer.Ordinal) { "id" },
        };

    [GeneratedRegex(@"\((\d+):(\d+)\)")]
    private static partial Regex FluidPosition();

    [GeneratedRegex(@"^Unknown tag '([^']*)'")]
    private static partial Regex UnknownTag();

    // Fluid's message without its own position (the diagnostic carries ours), as a clause.
    private static string Reword(string? error)
    {
        var message = FluidPosition().Replace((error ?? "syntax error").Split('\n')[0], "").Trim();
        message = message.EndsWith(" at", StringComparison.Ordinal) ? message[..^3] : message;
        return message.Length > 1 && char.IsUpper(message[0]) && !char.IsUpper(message[1]) ? char.ToLowerInvariant(message[0]) + message[1..] : message;
    }

    public static CompiledScript? Compile(string id, Located<string> source, RowLayout customer, DiagnosticBag diagnostics)
    {
        if (source.Value.Length > ScriptLimits.MaxTemplateLength)
        {
            diagnostics.Error(DiagnosticCodes.ScriptTooLarge,
                $"script '{id}' is {source.Value.Length:N0} characters long; a script has at most {ScriptLimits.MaxTemplateLength:N0}", source.Location);
            return null;
        }

        IFluidTemplate? template;
        string? error;
        try
        {
            Parser.TryParse(source.Value, out template, out error);
        }
        catch (Exception e) when (e is InvalidOperationException or InsufficientExecutionStackException or ParseException)
        {
            (template, error) = (null, e.Message);
        }

        if (template is null)
        {
            var match = FluidPosition().Match(error ?? "");
            var at = match.Success
                ? Within(source, int.Parse(match.Groups[1].Value) - 1, int.Parse(match.Groups[2].Value) - 1)
                : source.Location;
            var message = (error ?? "syntax error").Split('\n')[0].Trim();
            if (UnknownTag().Match(message) is { Success: true } tag)
            {
                var name = tag.Groups[1].Value;
                diagnostics.Error(DiagnosticCodes.ScriptForbidden,
                    $"script '{id}': unknown tag '{name}'{Parsing.Suggestions.DidYouMean(name, ScriptRules.Tags)}; allowed tags: {string.Join(", ", ScriptRules.Tags)}", at);
                return null;
            }

            diagnostics.Error(DiagnosticCodes.ScriptSyntax, $"script '{id}': Liquid syntax: {Reword(error)}", at);
            return null;
        }

        var problems = ScriptRules.Check(template, source.Value);
        foreach (var problem in problems)
        {
            diagnostics.Error(problem.Code, $"script '{id}': {problem.Message}", Within(source, problem.Offset));
        }

        if (problems.Count > 0)
        {
            return null;
        }

        var names = new NameCollector();
        names.VisitTemplate(template);
        var ok = true;
        foreach (var (root, member) in names.Reads)
        {
            if (names.Assigned.Contains(root))
            {
                continue;
            }

            string? problem = root switch
            {
                "customer" when member is null => null,
                "customer" when customer.Find(member) is null =>
                    $"script '{id}' reads customer.{member}, which is not a declared customer field" +
                    Parsing.Suggestions.DidYouMean(member, customer.Fields.Select(f => f.Name)),
                "customer" => null,
                _ when FixedMembers.TryGetValue(root, out var allowed) =>
                    member is null || allowed.Contains(member)
                        ? null
                        : $"script '{id}' reads {root}.{member}; a script sees {root}.{string.Join($", {root}.", allowed)}",
                _ => $"script '{id}' reads '{root}'; a script sees customer, product, channel and strategy" +
                     Parsing.Suggestions.DidYouMean(root, ["customer", "product", "channel", "strategy"]),
            };
            if (problem is not null)
            {
                ok = false;
                var offset = source.Value.IndexOf(member is null ? root : $"{root}.{member}", StringComparison.Ordinal);
                diagnostics.Error(DiagnosticCodes.ScriptUnknownName, problem, Within(source, Math.Max(0, offset)));
            }
        }

        return ok ? new CompiledScript(id, template, ScriptRules.RenderOptions) : null;
    }

    /// <summary>The place of a character of the template: exact on the scalar's first line.</summary>
    private static SourceLocation Within(Located<string> source, int offset)
    {
        var before = source.Value.AsSpan(0, Math.Min(offset, source.Value.Length));
        var line = before.Count('\n');
        return line == 0 ? source.Location.Shift(offset) : source.Location with { Line = source.Location.Line + line };
    }

    private static SourceLocation Within(Located<string> source, int line, int column) =>
        line <= 0 ? source.Location.Shift(Math.Max(0, column)) : source.Location with { Line = source.Location.Line + line };

    /// <summary>Collects every <c>root.member</c> a template reads and every name it assigns.</summary>
    private sealed class NameCollector : AstVisitor
    {
        public List<(string Root, string? Member)> Reads { get; } = [];

        public HashSet<string> Assigned { get; } = new(StringComparer.Ordinal) { "forloop" };

        protected override Expression VisitMemberExpression(MemberExpression memberExpression)
        {
            var segments = memberExpression.Segments;
            if (segments.Count > 0 && segments[0] is IdentifierSegment root)
            {
                var member = segments.Count > 1 && segments[1] is IdentifierSegment m ? m.Identifier : null;
                Reads.Add((root.Identifier, member));
            }

            return base.VisitMemberExpression(memberExpression);
        }

        protected override Statement VisitAssignStatement(AssignStatement assignStatement)
        {
            Assigned.Add(assignStatement.Identifier);
            return base.VisitAssignStatement(assignStatement);
        }

        protected override Statement VisitCaptureStatement(CaptureStatement captureStatement)
        {
            Assigned.Add(captureStatement.Identifier);
            return base.VisitCaptureStatement(captureStatement);
        }

        protected override Statement VisitForStatement(ForStatement forStatement)
        {
            Assigned.Add(forStatement.Identifier);
            return base.VisitForStatement(forStatement);
        }
    }
}
