package gencorpus

import "strings"

// vocabulary is ordered roughly by frequency in news copy, so that a Zipf
// draw over its indices gives text with a realistic word distribution.
// Written for this package.
var vocabulary = strings.Fields(`
the of and to in a that on for said is with was by as at from his it has
be have are an its were not who which will this their after had he they
been but more one also would two than about over new year last government
people first some other against all into could when there years state
officials minister forces military president security told country week
while since city war under military both between during before three
city where what most may can out them being region foreign according
border support attack killed group groups political talks including
national news agency report reported statement international monday
tuesday wednesday thursday friday saturday sunday capital near northern
southern eastern western province army troops fighting ceasefire aid
united nations council meeting visit officials spokesman ministry defence
defense border area areas control town towns village villages people
civilians wounded dead hundreds thousands dozens several many few
month months day days time weeks later earlier recent recently long
power economic economy sanctions oil trade deal agreement talks peace
plan plans policy role influence presence advisers commander commanders
officer officers general generals soldiers fighters units brigade force
air strike strikes drone missile missiles rocket rockets attack attacks
operation operations offensive battle battles front fronts lines
positions road highway airport base bases camp camps east west north south
side sides country countries nation nations world regional local
allies ally ties relations cooperation support backing help assistance
pressure crisis conflict situation fight fighting violence clashes
protests protesters demonstrations elections vote parliament leader leaders
party parties movement government's state's official senior former
top high higher low major key main large small big growing
continued continues continue remain remains remained seen saw say says
called calls call made make makes making took take takes taken gave give
given went go goes going came come comes coming set put used use
sent send sending moved move moving held hold holds open opened close
closed began begin begins ended end ends left leave leaving returned return
announced announce confirmed confirm denied deny accused accuse warned warn
reported report reports added add noted note expected expect believed
believe says stated state urged urge demanded demand rejected reject
agreed agree signed sign met meet meets visited visit discussed discuss
human rights humanitarian refugees displaced camps water food medical
hospital hospitals school schools homes houses buildings damage damaged
destroyed infrastructure reconstruction investment investors companies
money billion million dollars percent rate cost costs price prices
because however although though despite still even just only already
again also very much well back up down off away around across through
without within along among toward towards upon per whether if then so
such each every any no nor yet both either neither own same another
first second third fourth last next final early late past present future
public private social religious sectarian ethnic tribal local central
intelligence media television newspaper website statement interview
conference summit delegation envoy ambassador embassy consulate talks
negotiations diplomatic diplomacy proposal resolution vote veto
`)

var outletStems = strings.Fields(`herald courier observer monitor gazette tribune times post daily
wire press journal record chronicle dispatch bulletin review voice star`)

var speakers = []string{
	"the minister", "a spokesman", "the official", "the commander", "an analyst",
	"the ambassador", "a resident", "the envoy", "the statement", "a witness",
}

var verbs = []string{"said", "told reporters", "added", "said on Tuesday", "stated", "claimed"}
