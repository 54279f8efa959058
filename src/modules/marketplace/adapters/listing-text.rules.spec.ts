import { formatFromText, gradesFromText, plainText } from './listing-text.rules.js';

describe('grades and formats from a listing text', () => {
  it('reads the labelled grades as sellers and our own listings write them', () => {
    expect(gradesFromText('Classic.\n\nCondition: Media Near Mint (NM), Sleeve VG+')).toEqual({ media: 'nm', sleeve: 'vg_plus' });
    expect(gradesFromText('Media condition: VG\nSleeve condition: Generic')).toEqual({ media: 'vg', sleeve: 'generic' });
    expect(gradesFromText('Vinyl: M-  Cover: G+')).toEqual({ media: 'nm', sleeve: 'good_plus' });
    expect(gradesFromText('Media: Very Good Plus (VG+). Sleeve: No Cover.')).toEqual({ media: 'vg_plus', sleeve: 'no_cover' });
  });

  it('takes a grade standing alone in the title as the media grade, but no ordinary word', () => {
    expect(gradesFromText(null, 'Abbey Road - VG+')).toEqual({ media: 'vg_plus', sleeve: null });
    expect(gradesFromText('', 'Vanity Fair - Good Times LP')).toEqual({ media: null, sleeve: null });
    expect(gradesFromText('A good record in mint shape', 'Blue Train')).toEqual({ media: null, sleeve: null });
  });

  it('names the format of the title or tags', () => {
    expect(formatFromText('Kind Of Blue LP', 'jazz')).toBe('Vinyl');
    expect(formatFromText('Nevermind', 'cd')).toBe('CD');
    expect(formatFromText('Mixtape', 'cassette')).toBe('Cassette');
    expect(formatFromText('A poster')).toBeNull();
  });

  it('turns HTML into lines of text', () => {
    expect(plainText('<p>Gatefold &amp; insert.</p><ul><li>Label: Impulse!</li><li>Released: 1965</li></ul>')).toBe(
      'Gatefold & insert.\nLabel: Impulse!\nReleased: 1965',
    );
  });
});
