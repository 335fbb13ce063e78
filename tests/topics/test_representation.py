from evaltoolkit.topics import DutchAnalyzer, dutch_vectorizer, strip_placeholders, topic_stop_words


def test_placeholders_are_removed_before_tokenising():
    assert strip_placeholders("[Sponsor 3] en [een winkel] helpen") == "  en   helpen"


def test_analyzer_keeps_lemmas_of_content_words_only():
    analyzer = DutchAnalyzer()
    words = analyzer("[Persoon 2] zegt dat de gezinnen en kinderen schimmel hebben in de woningen.")
    assert words == ["gezin", "kind", "schimmel", "woning"]


def test_interviewer_and_interpreter_boilerplate_is_not_a_topic_word():
    analyzer = DutchAnalyzer()
    assert analyzer("De tolk vertaalt de vraag. Kunt u daar iets meer over vertellen? Ja, eh, oké.") == []


def test_english_and_dutch_stop_words_are_both_dropped():
    stop_words = topic_stop_words(["vwn"])
    assert {"the", "and", "het", "een", "vwn"} <= stop_words


def test_bigrams_join_neighbouring_content_words():
    analyzer = DutchAnalyzer(ngram_range=(1, 2))
    assert analyzer("schimmel op de muren van de slaapkamer") == [
        "schimmel", "muur", "slaapkamer", "schimmel muur", "muur slaapkamer"]


def test_vectorizer_vocabulary_has_no_placeholder_parts():
    vectorizer = dutch_vectorizer().fit(["[Sponsor 1] helpt met de post", "[Sponsor 2] repareert de kast"])
    assert "sponsor" not in vectorizer.vocabulary_
    assert {"post", "kast"} <= set(vectorizer.vocabulary_)


def test_lemmas_read_as_one_word():
    from evaltoolkit.topics import DutchAnalyzer

    # simplemma gives "aan_komen" and "verjaar_dag"
    words = DutchAnalyzer(ngram_range=(1, 1))("Het gezin zal aankomen op zijn verjaardag.")
    assert "aankomen" in words and "verjaardag" in words and not any("_" in w for w in words)
