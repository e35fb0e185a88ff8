using OpsCopilot.Data.Conversations.Understanding;

namespace OpsCopilot.Tests.Understanding;

public sealed class RecipientResolverTests
{
    [Theory]
    [InlineData("Schichterinnerung an alle morgen 6 Uhr")]
    [InlineData("Schichterinnerung an alle Fahrer")]
    [InlineData("Schichterinnerung allen Fahrern: morgen 6 Uhr")]
    [InlineData("Shift reminder to all drivers")]
    [InlineData("shift reminder for all tomorrow")]
    [InlineData("Shift reminder everyone, Monday 7am")]
    [InlineData("Schichterinnerung für das ganze Team")]
    public void EveryoneIsAddressedAsAllDrivers(string text)
    {
        var broadcast = SampleTenant.ReadBroadcast(text);

        broadcast.AllDrivers.ShouldBeTrue();
        broadcast.Recipients.ShouldBeEmpty();
        broadcast.UnresolvedNames.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("Schichterinnerung an Jürgen Müller morgen 6 Uhr")]
    [InlineData("Schichterinnerung an Juergen Mueller morgen 6 Uhr")]
    [InlineData("Schichterinnerung an juergen muller morgen 6 Uhr")]
    [InlineData("Schichterinnerung an Müller morgen 6 Uhr")]
    [InlineData("Schichterinnerung an Jürgen morgen 6 Uhr")]
    [InlineData("Schichterinnerung an Müller Jürgen morgen 6 Uhr")]
    [InlineData("Schichterinnerung an Herrn Mueller morgen 6 Uhr")]
    public void NamesMatchWithOrWithoutDiacriticsAndByUniqueFirstOrLastName(string text) =>
        SampleTenant.ReadBroadcast(text).Recipients.ShouldBe([SampleTenant.JuergenMueller]);

    [Fact]
    public void TurkishDotlessIMatchesAPlainI() =>
        SampleTenant.ReadBroadcast("Schichterinnerung an Leyla Yilmaz morgen").Recipients.ShouldBe([SampleTenant.LeylaDotless]);

    [Theory]
    [InlineData("Schichterinnerung an Stefan Huber, Jan Nowak und Petra Gruber morgen 6 Uhr")]
    [InlineData("Shift reminder to Stefan Huber, Jan Nowak and Petra Gruber tomorrow 6am")]
    [InlineData("Schichterinnerung an Stefan, Jan & Petra morgen 6 Uhr")]
    [InlineData("Schichterinnerung: Stefan Huber, Jan Nowak, Petra Gruber – morgen 6 Uhr")]
    public void ListsOfNamesResolveInTheOrderWritten(string text) =>
        SampleTenant.ReadBroadcast(text).Recipients
            .ShouldBe([ReferenceWorld.StefanHuber, ReferenceWorld.JanNowak, ReferenceWorld.PetraGruber]);

    [Fact]
    public void NamesThatMatchNoDriverAreReportedUnresolved()
    {
        var broadcast = SampleTenant.ReadBroadcast("Schichterinnerung an Peter Meier und Max Mustermann morgen 06:00");

        broadcast.Recipients.ShouldBe([ReferenceWorld.MaxMustermann]);
        broadcast.UnresolvedNames.ShouldBe(["Peter Meier"]);
        broadcast.AllDrivers.ShouldBeFalse();
    }

    [Fact]
    public void AFirstNameSharedByTwoDriversStaysUnresolved()
    {
        var broadcast = SampleTenant.ReadBroadcast("Schichterinnerung an Anna morgen 6 Uhr");

        broadcast.Recipients.ShouldBeEmpty();
        broadcast.UnresolvedNames.ShouldBe(["Anna"]);
    }

    [Fact]
    public void AFullNameDisambiguatesASharedFirstName() =>
        SampleTenant.ReadBroadcast("Schichterinnerung an Anna Schmid morgen 6 Uhr").Recipients.ShouldBe([SampleTenant.AnnaSchmid]);

    [Fact]
    public void AfterForOnlyAFullUnknownNameIsReportedSoDatesAndShiftsAreNotTakenForNames()
    {
        SampleTenant.ReadBroadcast("Schichterinnerung für Peter Meier morgen 6 Uhr").UnresolvedNames.ShouldBe(["Peter Meier"]);
        SampleTenant.ReadBroadcast("Schichterinnerung für Frühschicht an Max").UnresolvedNames.ShouldBeEmpty();
        SampleTenant.ReadBroadcast("Schichterinnerung für Montag 6 Uhr").UnresolvedNames.ShouldBeEmpty();
    }

    [Fact]
    public void DriverNamesWrittenWithoutToAreStillFound() =>
        SampleTenant.ReadBroadcast("Erinnerung Schicht Jan Nowak am Freitag 5 Uhr").Recipients.ShouldBe([ReferenceWorld.JanNowak]);

    [Fact]
    public void ABroadcastWithoutRecipientsHasNone()
    {
        var broadcast = SampleTenant.ReadBroadcast("Schichterinnerung für morgen 6 Uhr");

        broadcast.AllDrivers.ShouldBeFalse();
        broadcast.Recipients.ShouldBeEmpty();
        broadcast.UnresolvedNames.ShouldBeEmpty();
    }

    [Fact]
    public void DirectoryResolvesByFirstAndLastNameWhenMiddleNamesAreLeftOut()
    {
        var driver = new DriverRef(Guid.NewGuid(), "Anna Maria Berger");
        var directory = new DriverDirectory([driver]);

        directory.Lookup(["anna", "berger"]).Driver.ShouldBe(driver);
        directory.Lookup(["maria"]).Outcome.ShouldBe(NameLookupOutcome.NotFound);
    }
}
