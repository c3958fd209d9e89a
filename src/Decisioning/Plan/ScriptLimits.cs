namespace Decisioning.Plan;

/// <summary>
/// What a script (话术) may contain and how much it may cost, checked when the map loads where the
/// text allows it and enforced by Fluid when a script renders (docs/limits.md, docs/scripts.md).
/// Scripts are shown to customers and rendered once per decision, so a script that could run
/// long, grow without bound, read files or the wall clock is refused before any customer sees it.
/// </summary>
internal static class ScriptLimits
{
    /// <summary>Characters of one script's text.</summary>
    public const int MaxTemplateLength = 4_096;

    /// <summary>Block tags (<c>if</c>, <c>unless</c>, <c>case</c>, <c>for</c>, <c>capture</c>) nested in one another.</summary>
    public const int MaxNesting = 8;

    /// <summary>Filters in one chain (<c>{{ x | a | b | ... }}</c>).</summary>
    public const int MaxFilterChain = 16;

    /// <summary>The parser's own depth guard (nested blocks, expressions, filters), far above the two limits before it.</summary>
    public const int MaxParseDepth = 64;

    /// <summary>Statements one rendering may execute (loop iterations count every time).</summary>
    public const int MaxSteps = 100_000;

    /// <summary>Characters one rendering (or one <c>capture</c>) may write.</summary>
    public const int MaxOutputLength = 65_536;

    /// <summary>Items one operation may make: a <c>(1..n)</c> range, a <c>split</c>.</summary>
    public const int MaxCollectionSize = 10_000;

    /// <summary>Nested renderings (Fluid's recursion guard).</summary>
    public const int MaxDepth = 32;
}
