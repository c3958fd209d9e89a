namespace Decisioning.History.Tests.Soak;

/// <summary>
/// The tests that start host processes run alone, one at a time: their checks rely on each
/// process's writer keeping up within seconds, which other tests competing for the same two
/// cores must not put in doubt.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SoakCollection
{
    public const string Name = "host processes";
}
