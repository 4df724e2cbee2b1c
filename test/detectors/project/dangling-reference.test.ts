import detector from '../../../detectors/project/dangling-reference.js';
import { describeProjectDetector, runProjectDetector } from '../../helpers/project-cases.js';

const sa = 'from sqlalchemy.orm import relationship\n';
const dj = 'from django.db import models\n';
const address = 'class Address(Base):\n    pass\n';

describeProjectDetector(detector, {
  flags: [
    { note: 'SQLAlchemy relationship to a misspelt class', files: { 'app/models.py': `${sa}\nclass User(Base):\n    addresses = relationship("Adress")\n`, 'app/address.py': address }, changed: ['app/models.py'], findings: ['app/models.py:4'], message: 'Did you mean `Address`?' },
    { note: 'argument= keyword', files: { 'app/models.py': `${sa}\nclass User(Base):\n    addresses = relationship(argument="Missing")\n` }, changed: ['app/models.py'], findings: ['app/models.py:4'] },
    { note: 'a module-qualified class path', files: { 'app/models.py': `${sa}\nclass User(Base):\n    addresses = relationship("app.models.Missing")\n` }, changed: ['app/models.py'], findings: ['app/models.py:4'], message: 'class `Missing`' },
    { note: 'Flask-SQLAlchemy db.relationship, reference on its own line', files: { 'app/models.py': 'from flask_sqlalchemy import SQLAlchemy\ndb = SQLAlchemy()\n\nclass User(db.Model):\n    posts = db.relationship(\n        "Post",\n        backref="author",\n    )\n' }, changed: ['app/models.py'], findings: ['app/models.py:6'] },
    { note: 'Django ForeignKey in the same app', files: { 'shop/models.py': `${dj}\nclass Item(models.Model):\n    order = models.ForeignKey("Ordr", on_delete=models.CASCADE)\n\nclass Order(models.Model):\n    pass\n` }, changed: ['shop/models.py'], findings: ['shop/models.py:4'], message: 'Did you mean `Order`?' },
    { note: 'Django app.Model of an app in the repository', files: { 'shop/models.py': `${dj}\nclass Item(models.Model):\n    order = models.OneToOneField("billing.Invoce", on_delete=models.CASCADE)\n`, 'billing/models.py': `${dj}\nclass Invoice(models.Model):\n    pass\n` }, changed: ['shop/models.py'], findings: ['shop/models.py:4'] },
    { note: 'Django to= keyword after other arguments', files: { 'shop/models.py': `${dj}\nclass Item(models.Model):\n    tags = models.ManyToManyField(blank=True, to="Tagg")\n` }, changed: ['shop/models.py'], findings: ['shop/models.py:4'] },
    { note: 'a class removed from the repository', files: { 'app/models.py': `${sa}\nclass User(Base):\n    cart = relationship("Cart", uselist=False)\n`, 'app/cart.py': '# Cart moved to the billing service.\n' }, changed: ['app/models.py'], findings: ['app/models.py:4'] },
    { note: 'two references, one of them dangling', files: { 'app/models.py': `${sa}\nclass User(Base):\n    a = relationship("Address")\n    b = relationship("Phone")\n`, 'app/address.py': address }, changed: ['app/models.py'], findings: ['app/models.py:5'] },
  ],
  ignores: [
    { note: 'the class is defined in another file', files: { 'app/models.py': `${sa}\nclass User(Base):\n    addresses = relationship("Address")\n`, 'app/address.py': address } , changed: ['app/models.py'] },
    { note: 'the class is defined in the same file, later', files: { 'app/models.py': `${sa}\nclass User(Base):\n    addresses = relationship("Address")\n\n${address}` }, changed: ['app/models.py'] },
    { note: 'the reference was not added by the change', files: { 'app/models.py': `${sa}\nclass User(Base):\n    addresses = relationship("Missing")\n    name = 1\n` }, changed: ['app/models.py'], added: { 'app/models.py': [5] } },
    { note: 'SQLAlchemy ForeignKey names a table, not a class', files: { 'app/models.py': 'from sqlalchemy import ForeignKey\n\nclass Address(Base):\n    user_id = mapped_column(ForeignKey("users.id"))\n' }, changed: ['app/models.py'] },
    { note: 'Django: self and apps outside the repository', files: { 'shop/models.py': `${dj}\nclass Item(models.Model):\n    parent = models.ForeignKey("self", on_delete=models.CASCADE)\n    owner = models.ForeignKey("auth.User", on_delete=models.CASCADE)\n    tags = models.ManyToManyField("taggit.Tag")\n` }, changed: ['shop/models.py'] },
    { note: 'an example in a docstring or comment', files: { 'app/models.py': `${sa}\n"""Use relationship("Missing") to link."""\n# relationship("Gone")\nX = 1\n` }, changed: ['app/models.py'] },
    { note: 'no ORM imported: some other relationship()', files: { 'app/graph.py': 'def relationship(name):\n    return name\n\nedge = relationship("Friend")\n' }, changed: ['app/graph.py'] },
    { note: 'class passed directly, not as a string', files: { 'app/models.py': `${sa}\nfrom app.address import Address\n\nclass User(Base):\n    addresses = relationship(Address)\n`, 'app/address.py': address }, changed: ['app/models.py'] },
    { note: 'the read budget runs out before every file is read: stands down', files: { 'app/models.py': `${sa}\nclass User(Base):\n    addresses = relationship("Missing")\n`, 'app/a.py': '', 'app/b.py': '', 'app/c.py': '' }, changed: ['app/models.py'], options: { maxReads: 2 } },
    { note: 'an incomplete listing: stands down', files: { 'app/models.py': `${sa}\nclass User(Base):\n    addresses = relationship("Missing")\n` }, changed: ['app/models.py'], incomplete: true },
  ],
});

describe('dangling-reference reads', () => {
  test('model-like files first, and stops once every class is found', async () => {
    const run = await runProjectDetector(detector, {
      files: {
        'app/models.py': `${sa}\nclass User(Base):\n    addresses = relationship("Address")\n`,
        'app/db/address.py': address,
        ...Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`app/view${i}.py`, 'x = 1\n'])),
      },
      changed: ['app/models.py'],
    });
    expect(run.findings).toEqual([]);
    // app/models.py (changed, known) and app/db/address.py come first; the first batch finds the class.
    expect(run.reads[0]).toBe('app/db/address.py');
    expect(run.reads.length).toBeLessThan(8);
  });

  test('says why it stood down', async () => {
    const run = await runProjectDetector(detector, { files: { 'app/models.py': `${sa}\nclass User(Base):\n    a = relationship("Missing")\n` }, changed: ['app/models.py'], incomplete: true });
    expect(run.notes).toEqual([{ ruleId: 'dangling-reference', message: expect.stringContaining('listing is incomplete') }]);
  });
});
