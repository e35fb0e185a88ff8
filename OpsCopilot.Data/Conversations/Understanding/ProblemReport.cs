namespace OpsCopilot.Data.Conversations.Understanding;

/// <summary>What a message says about a defect: its problem words in message order and the plate, if any.</summary>
public sealed class ProblemReport
{
    public ProblemReport(IReadOnlyList<ProblemWord> words, PlateMatch? plate, bool isResolved, bool deniesProblem)
    {
        Words = words;
        Plate = plate;
        IsResolved = isResolved;
        DeniesProblem = deniesProblem;
    }

    public IReadOnlyList<ProblemWord> Words { get; }

    public PlateMatch? Plate { get; }

    /// <summary>Where the message states a reading that is off ("minus 12 Grad statt minus 20"), as spans of the text.</summary>
    public IReadOnlyList<(int Start, int End)> Readings { get; init; } = [];

    /// <summary>The message says something was fixed ("repariert", "works again"), which is news, not a request.</summary>
    public bool IsResolved { get; }

    /// <summary>A problem word was negated ("nicht kaputt", "kein Schaden"): the message says all is well.</summary>
    public bool DeniesProblem { get; }

    /// <summary>The message calls something new, fine or done ("Reifen sind neu", "Bremse passt"): news, not a fault.</summary>
    public bool SaysAllIsWell { get; init; }

    public bool HasIncidentOrPredicate => Words.Any(w => w.Kind is ProblemWordKind.Incident or ProblemWordKind.Predicate);

    public bool HasPredicate => Words.Any(w => w.Kind == ProblemWordKind.Predicate);

    public bool HasComponent => Words.Any(w => w.Kind == ProblemWordKind.Component);

    public bool HasVehicleWord => Words.Any(w => w.Kind == ProblemWordKind.Vehicle);

    /// <summary>
    /// A defect report needs a problem by itself ("Unfall", "kaputt"), or a part of a named vehicle
    /// ("Reifenwechsel W-1234"); a part alone ("Licht aus bitte") or a plate alone is not enough.
    /// </summary>
    public bool IsDefectReport
    {
        get
        {
            if ((IsResolved && !HasPredicate) || (DeniesProblem && !HasIncidentOrPredicate) || (SaysAllIsWell && !HasIncidentOrPredicate))
            {
                return false;
            }

            return HasIncidentOrPredicate || (HasComponent && (Plate is not null || HasVehicleWord));
        }
    }
}
