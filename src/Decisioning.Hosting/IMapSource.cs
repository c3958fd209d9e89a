using Decisioning.Loading;
using Microsoft.Extensions.Primitives;

namespace Decisioning.Hosting;

/// <summary>
/// Where one map's versions come from: files by default (<see cref="FileMapSource"/>); a host can
/// plug a database or a blob store by implementing this interface and registering it with
/// <see cref="DecisioningBuilder.AddMap(string, Func{IServiceProvider, IMapSource})"/>.
/// </summary>
/// <remarks>
/// The engine calls <see cref="LoadAsync"/> at start and after each change, one call at a time and
/// never on a decision's thread; <see cref="Watch"/> again after each change token fires. A source
/// that keeps the YAML as text can compile it with
/// <see cref="MapLoader.LoadText(string, string, MapLoadOptions?)"/>.
/// </remarks>
public interface IMapSource
{
    /// <summary>Where the map comes from, for logs and <see cref="MapInfo.Source"/>.</summary>
    string Description { get; }

    /// <summary>
    /// Reads and compiles the current version with <paramref name="options"/> (which carry the host's
    /// propensity models). Bad content is reported in the result's diagnostics, not thrown; an
    /// exception (an unreachable store) counts as a failed load and the serving version stays.
    /// </summary>
    Task<LoadResult> LoadAsync(MapLoadOptions options, CancellationToken cancellationToken);

    /// <summary>
    /// A token that fires when the map may have changed. A source that never changes returns
    /// <c>NullChangeToken.Singleton</c>; a source that cannot be notified may return a token
    /// that fires on a timer, to be polled.
    /// </summary>
    IChangeToken Watch();
}
