import detector from '../../../detectors/python/unbounded-query.js';
import { describeDetector } from '../../helpers/detector-cases.js';

describeDetector(detector, {
  flags: [
    { code: 'from flask import jsonify\n\n@app.get("/users")\ndef list_users():\n    return jsonify([u.to_dict() for u in User.query.all()])\n', line: 5, message: '`User.query.all()` in the view `list_users` (`@app.get`)' },
    { code: '@router.get("/orders")\nasync def orders(session: AsyncSession = Depends(get_session)):\n    result = await session.execute(select(Order))\n    return result.scalars().all()\n', line: 4, message: '`result.scalars().all()`' },
    { code: 'def product_list(request):\n    return JsonResponse(list(Product.objects.all().values()), safe=False)\n', line: 2, path: 'shop/views.py', message: 'slicing' },
    { code: '@app.route("/tags")\ndef tags():\n    rows = db.session.query(Tag).order_by(Tag.name).all()\n    return jsonify([t.name for t in rows])\n', line: 3, message: '`.limit()`' },
    { code: '@router.get("/items")\nasync def items(session=Depends(get_session)):\n    return (await session.scalars(select(Item).order_by(Item.id))).all()\n', line: 3 },
    { code: '@router.get("/items")\ndef items(db: Session = Depends(get_db)):\n    return db.execute(select(Item)).scalars().all()\n', line: 3 },
    { code: 'class ProductView(APIView):\n    def get(self, request):\n        return Response(ProductSerializer(Product.objects.all(), many=True).data)\n', line: 3, message: '`ProductView.get`' },
    { code: '@api_view(["GET"])\ndef users(request):\n    return Response(UserSerializer(User.objects.all().order_by("name"), many=True).data)\n', line: 3 },
    { code: 'class Users(MethodView):\n    def get(self):\n        return jsonify([u.name for u in User.query.order_by(User.name).all()])\n', line: 3 },
  ],
  ignores: [
    '@app.get("/users")\ndef list_users():\n    return jsonify([u.to_dict() for u in User.query.limit(100).all()])\n',
    { code: 'def export_all(session):\n    return session.query(User).all()\n', note: 'not a handler' },
    '@app.get("/users/<int:team>")\ndef team_users(team):\n    return jsonify([u.to_dict() for u in User.query.filter_by(team_id=team).all()])\n',
    { code: 'def product_list(request):\n    products = Product.objects.all()\n    return render(request, "list.html", {"page": Paginator(products, 25).get_page(1)})\n', path: 'shop/views.py', note: 'a lazy queryset paginated later' },
    { code: 'def product_list(request):\n    return JsonResponse(list(Product.objects.all()[:50].values()), safe=False)\n', path: 'shop/views.py', note: 'sliced' },
    { code: 'class ProductViewSet(ModelViewSet):\n    queryset = Product.objects.all()\n', note: 'DRF paginates a class queryset' },
    '@router.get("/items")\ndef items(db: Session = Depends(get_db)):\n    return db.execute(select(Item).where(Item.owner_id == 1)).scalars().all()\n',
    '@router.get("/items")\ndef items(db: Session = Depends(get_db)):\n    return db.execute(select(Item).limit(50)).scalars().all()\n',
    { code: '@app.get("/x")\ndef x():\n    return jsonify(handlers.all())\n', note: 'some other .all()' },
    { code: 'def test_list(session):\n    assert session.query(User).all() == []\n', path: 'tests/test_users.py' },
    { code: '@app.get("/stats")\ndef stats():\n    return {"n": db.session.query(User).count()}\n' },
  ],
});
