using Decisioning.Plan;
using Fluid;
using Fluid.Ast;
using Fluid.Values;

namespace Decisioning.Compilation;

/// <summary>The tags and filters a script may use: the documented subset of Shopify Liquid.</summary>
internal static class ScriptRules
{
    /// <summary>How every script renders: invariant culture, UTC, the filters allowed, and the render limits (docs/limits.md): a script that reaches one fails for that customer only.</summary>
    public static readonly TemplateOptions RenderOptions = new TemplateOptionsBuilder()
        .WithCultureInfo(System.Globalization.CultureInfo.InvariantCulture)
        .WithTimeZone(TimeZoneInfo.Utc)
        .WithStrictFilters(true)
        .WithMaxSteps(ScriptLimits.MaxSteps)
        .WithMaxOutputSize(ScriptLimits.MaxOutputLength)
        .WithMaxCollectionSize(ScriptLimits.MaxCollectionSize)
        .WithMaxRecursion(ScriptLimits.MaxDepth)
        .ConfigureFilters(Configure)
        .Build();

    /// <summary>Tags a script may use (docs/scripts.md).</summary>
    public static readonly IReadOnlyList<string> Tags =
    [
        "assign", "capture", "if", "elsif", "else", "unless", "case", "when", "for", "break", "continue",
        "cycle", "comment", "raw", "increment", "decrement",
    ];

    /// <summary>Filters a script may use (docs/scripts.md); each is checked against Shopify's Liquid by the differential tests.</summary>
    public static readonly IReadOnlyList<string> Filters =
    [
        // text
        "append", "prepend", "capitalize", "downcase", "upcase", "strip", "lstrip", "rstrip", "strip_newlines",
        "newline_to_br", "replace", "replace_first", "remove", "remove_first", "truncate", "truncatewords",
        "slice", "size", "split", "join", "first", "last", "reverse", "escape", "escape_once", "url_encode", "default",
        // numbers
        "abs", "plus", "minus", "times", "divided_by", "modulo", "round", "ceil", "floor", "at_least", "at_most",
        // dates (never of "now" or "today": decisions are reproducible)
        "date",
    ];

    private static readonly HashSet<string> FilterSet = new(Filters, StringComparer.Ordinal);

    // Statement types of the allowed tags; anything else is refused with its tag name.
    private static readonly HashSet<Type> Allowed =
    [
        typeof(TextSpanStatement), typeof(OutputStatement), typeof(AssignStatement), typeof(CaptureStatement),
        typeof(IfStatement), typeof(ElseIfStatement), typeof(ElseStatement), typeof(UnlessStatement),
        typeof(CaseStatement), typeof(WhenStatement), typeof(ForStatement), typeof(BreakStatement),
        typeof(ContinueStatement), typeof(CycleStatement), typeof(CommentStatement), typeof(RawStatement),
        typeof(IncrementStatement), typeof(DecrementStatement), typeof(NoOpStatement),
    ];

    private static readonly Dictionary<Type, string> Forbidden = new()
    {
        [typeof(IncludeStatement)] = "include",
        [typeof(RenderStatement)] = "render",
        [typeof(FromStatement)] = "from",
        [typeof(MacroStatement)] = "macro",
        [typeof(TableRowStatement)] = "tablerow",
        [typeof(IfChangedStatement)] = "ifchanged",
        [typeof(LiquidStatement)] = "liquid",
    };

    /// <summary>A problem found in a parsed script: its code, message, and the offset in the text to point at.</summary>
    public readonly record struct Problem(string Code, string Message, int Offset);

    /// <summary>Every problem of a parsed template, in text order as far as the tree tells.</summary>
    public static IReadOnlyList<Problem> Check(IFluidTemplate template, string text)
    {
        var checker = new Checker(text);
        checker.VisitTemplate(template);
        return checker.Problems;
    }

    /// <summary>Registers the filters that differ from Fluid's: <c>date</c> refuses the wall clock at render too.</summary>
    internal static void Configure(FilterCollection filters)
    {
        if (filters.TryGetValue("date", out var date))
        {
            filters.AddFilter("date", (input, arguments, context) => IsWallClock(input)
                ? throw new InvalidOperationException($"the date filter refuses '{Text(input)}': a decision never reads the clock")
                : date(input, arguments, context));
        }
    }

    // Reading a string value's text needs a context; this one is never rendered with.
    private static readonly TemplateContext TextContext = new();

    private static string Text(FluidValue value) => value.ToStringValue(TextContext);

    private static bool IsWallClock(FluidValue input) =>
        input is StringValue && Text(input).Trim().ToLowerInvariant() is "now" or "today";

    private sealed class Checker(string text) : AstVisitor
    {
        private int _nesting;

        public List<Problem> Problems { get; } = [];

        public override Statement Visit(Statement statement)
        {
            if (statement is null)
            {
                return statement!; // an absent part (a for loop without else)
            }

            var type = statement.GetType();
            if (!Allowed.Contains(type))
            {
                var name = Forbidden.GetValueOrDefault(type) ?? type.Name.Replace("Statement", "").ToLowerInvariant();
                Problems.Add(new(Diagnostics.DiagnosticCodes.ScriptForbidden,
                    $"the tag '{name}' is not allowed in a script; allowed tags: {string.Join(", ", Tags)}", At(statement, name)));
                return statement;
            }

            var block = statement is IfStatement or UnlessStatement or CaseStatement or ForStatement or CaptureStatement;
            if (block && ++_nesting > ScriptLimits.MaxNesting)
            {
                Problems.Add(new(Diagnostics.DiagnosticCodes.ScriptTooLarge,
                    $"tags are nested {_nesting} deep; a script nests at most {ScriptLimits.MaxNesting}", At(statement, null)));
                _nesting--;
                return statement; // nothing deeper is looked at: one problem for the whole nest
            }

            try
            {
                return base.Visit(statement);
            }
            finally
            {
                if (block)
                {
                    _nesting--;
                }
            }
        }

        protected override Expression VisitFilterExpression(FilterExpression filter)
        {
            if (!FilterSet.Contains(filter.Name))
            {
                Problems.Add(new(Diagnostics.DiagnosticCodes.ScriptUnknownFilter,
                    $"unknown filter '{filter.Name}'{Parsing.Suggestions.DidYouMean(filter.Name, Filters)}; allowed filters are listed in docs/scripts.md",
                    Find("| " + filter.Name, filter.Name)));
            }
            else if (filter.Name == "date" && filter.Input is LiteralExpression { Value: StringValue literal } && IsWallClock(literal))
            {
                Problems.Add(new(Diagnostics.DiagnosticCodes.ScriptForbidden,
                    $"'{Text(literal)}' | date reads the clock; a decision must not (the same map, snapshot and time always decide alike)",
                    Find(Text(literal), Text(literal))));
            }

            var chain = 1;
            for (var input = filter.Input; input is FilterExpression inner; input = inner.Input)
            {
                chain++;
            }

            if (chain == ScriptLimits.MaxFilterChain + 1)
            {
                Problems.Add(new(Diagnostics.DiagnosticCodes.ScriptTooLarge,
                    $"a chain of more than {ScriptLimits.MaxFilterChain} filters; a script chains at most {ScriptLimits.MaxFilterChain}", Find("| " + filter.Name, filter.Name)));
            }

            return base.VisitFilterExpression(filter);
        }

        private int At(Statement statement, string? name)
        {
#pragma warning disable FLUID001 // statement locations: only for the diagnostic's position
            var offset = statement.SourceOffset;
#pragma warning restore FLUID001
            if (offset <= 0 && name is not null)
            {
                offset = text.IndexOf(name, StringComparison.Ordinal);
            }

            return Math.Max(0, offset);
        }

        private int Find(string first, string fallback)
        {
            var at = text.IndexOf(first, StringComparison.Ordinal);
            return at >= 0 ? at + (first.Length - fallback.Length) : Math.Max(0, text.IndexOf(fallback, StringComparison.Ordinal));
        }
    }
}
