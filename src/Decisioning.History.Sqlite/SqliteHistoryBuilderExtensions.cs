using Decisioning.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Decisioning.History.Sqlite;

/// <summary>Attaches a SQLite interaction history to <c>AddDecisioning</c>.</summary>
public static class SqliteHistoryBuilderExtensions
{
    /// <summary>
    /// Records into the SQLite file <paramref name="path"/> (relative to the content root),
    /// created when missing. See <see cref="HistoryBuilderExtensions.UseHistory"/>.
    /// </summary>
    public static DecisioningBuilder UseSqliteHistory(this DecisioningBuilder builder, string path, Action<HistoryOptions>? configure = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return builder.UseHistory(sp => new SqliteHistory(Path.Combine(sp.GetService<IHostEnvironment>()?.ContentRootPath ?? "", path)), configure);
    }
}
