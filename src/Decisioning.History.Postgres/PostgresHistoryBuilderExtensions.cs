using Decisioning.Hosting;

namespace Decisioning.History.Postgres;

/// <summary>Attaches a PostgreSQL interaction history to <c>AddDecisioning</c>.</summary>
public static class PostgresHistoryBuilderExtensions
{
    /// <summary>
    /// Records into the PostgreSQL database <paramref name="connectionString"/> names, shared with
    /// every other host that names it. See <see cref="HistoryBuilderExtensions.UseHistory"/>.
    /// </summary>
    public static DecisioningBuilder UsePostgresHistory(this DecisioningBuilder builder, string connectionString, Action<HistoryOptions>? configure = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        return builder.UseHistory(_ => new PostgresHistory(connectionString), configure);
    }
}
