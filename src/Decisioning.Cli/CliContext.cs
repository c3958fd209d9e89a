namespace Decisioning.Cli;

/// <summary>Where a command writes: the process's console, or a test's writers.</summary>
public sealed record CliContext(TextWriter Out, TextWriter Error);
