using AuditHarness.Core.Text;

namespace AuditHarness.Tests.Core.Text;

[TestClass]
public sealed class NearestNameTests
{
    [TestMethod]
    [DataRow("kitten", "sitting", 3)] // k->s, e->i, insert g
    [DataRow("ouput", "out", 2)] // delete p and the second u
    [DataRow("ouput", "output", 1)] // insert t
    [DataRow("treshold", "threshold", 1)]
    [DataRow("maxErorRate", "maxerrorrate", 1)] // case is ignored
    [DataRow("ab", "ba", 1)] // a swap of neighbours is one edit
    [DataRow("", "abc", 3)]
    public void DistanceCountsInsertionsDeletionsSubstitutionsAndSwaps(string a, string b, int expected)
    {
        Assert.AreEqual(expected, NearestName.Distance(a, b));
        Assert.AreEqual(expected, NearestName.Distance(b, a));
    }

    [TestMethod]
    public void TheNearestKnownNameWithinTheCutoffIsSuggested()
    {
        string[] options = ["--model", "--images", "--artifact", "--masks", "--labels", "--out", "--force"];

        Assert.AreEqual("--out", NearestName.Find("--ouput", options));
        Assert.AreEqual("--images", NearestName.Find("--image", options));
        Assert.AreEqual("--labels", NearestName.Find("--lables", options));
    }

    [TestMethod]
    public void AWordFarFromEveryKnownNameGetsNoSuggestion()
    {
        string[] fields = ["dilate", "inpaintRadius", "method"];

        Assert.IsNull(NearestName.Find("radius", fields));
        Assert.IsNull(NearestName.Find("zz", ["ab", "cd"]), "two substitutions exceed the cutoff of 1 for a 2-letter word");
        Assert.AreEqual(string.Empty, NearestName.Suggestion("colour", ["threshold"]));
    }

    [TestMethod]
    public void ATieGoesToTheFirstNameInOrdinalOrder()
    {
        // "cat" is one substitution from both.
        Assert.AreEqual("bat", NearestName.Find("cat", ["rat", "bat"]));
    }

    [TestMethod]
    public void TheCutoffGrowsWithTheWord()
    {
        Assert.AreEqual(1, NearestName.Cutoff(3));
        Assert.AreEqual(2, NearestName.Cutoff(6));
        Assert.AreEqual(3, NearestName.Cutoff(7));
        Assert.IsNull(NearestName.Find("abcdef", ["uvwdef"]), "three edits on a 6-letter word are too many");
        Assert.AreEqual("abcdefgh", NearestName.Find("xyzdefgh", ["abcdefgh"]), "three edits on an 8-letter word are allowed");
    }
}
