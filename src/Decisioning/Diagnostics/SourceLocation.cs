namespace Decisioning.Diagnostics;

/// <summary>A place in a map's source: file, 1-based line and 1-based character column.</summary>
public readonly record struct SourceLocation(string File, int Line, int Column)
{
    /// <summary>The start of a file, for problems that belong to the whole file.</summary>
    public static SourceLocation StartOf(string file) => new(file, 1, 1);

    /// <summary>The same line, <paramref name="offset"/> characters to the right.</summary>
    public SourceLocation Shift(int offset) => this with { Column = Column + offset };

    /// <summary><c>FILE:LINE:COL</c>, as compilers write a place.</summary>
    public override string ToString() => $"{File}:{Line}:{Column}";
}
