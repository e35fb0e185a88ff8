using System.Net.Sockets;
using Npgsql;

namespace OpsCopilot.Data;

/// <summary>Tells "the database is unreachable or overloaded right now" apart from bugs, for 503 + Retry-After answers.</summary>
public static class DatabaseFailures
{
    public static bool IsUnavailable(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                // Covers connection refused/reset, broken streams, command timeouts, and the server-side
                // transient states (08* connection, 53* resources, 57P0* shutdown, 40001/40P01 retryable). An exhausted
                // connection pool surfaces as a TimeoutException inside an NpgsqlException.
                case NpgsqlException { IsTransient: true }:
                case DatabaseUnavailableException:
                case TimeoutException:
                case SocketException:
                    return true;
                case PostgresException { SqlState: var state } when state.StartsWith("08", StringComparison.Ordinal)
                                                                   || state.StartsWith("53", StringComparison.Ordinal)
                                                                   || state.StartsWith("57P", StringComparison.Ordinal):
                    return true;
            }
        }

        return false;
    }
}

/// <summary>The database broke a unit of work underneath the code (a bounded wait gave up): retry later, nothing committed.</summary>
public sealed class DatabaseUnavailableException(string message, Exception innerException) : Exception(message, innerException);
